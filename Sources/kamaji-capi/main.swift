print("kamaji-capi")
