import KamajiValues

extension NodePoolValues.User {
    private enum Key: String, CodingKey {
        case name, gecos, groups, homeDir, inactive, shell, passwd, passwdFrom, primaryGroup, lockPassword, sudo,
            sshAuthorizedKeys
    }

    /// The typed fields, plus which of them were written as null: Helm keeps a null inside a list
    /// item (`users: [{name: a, sudo: null}]`), and the charts hash `toYaml` of the user, which
    /// prints `sudo: null`; a user without the key hashes differently.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        name = try container.decode(String.self, forKey: .name)
        gecos = try container.decodeIfPresent(String.self, forKey: .gecos)
        groups = try container.decodeIfPresent(String.self, forKey: .groups)
        homeDir = try container.decodeIfPresent(String.self, forKey: .homeDir)
        inactive = try container.decodeIfPresent(Bool.self, forKey: .inactive)
        shell = try container.decodeIfPresent(String.self, forKey: .shell)
        passwd = try container.decodeIfPresent(String.self, forKey: .passwd)
        passwdFrom = try container.decodeIfPresent(NodePoolValues.PasswdSource.self, forKey: .passwdFrom)
        primaryGroup = try container.decodeIfPresent(String.self, forKey: .primaryGroup)
        lockPassword = try container.decodeIfPresent(Bool.self, forKey: .lockPassword)
        sudo = try container.decodeIfPresent(String.self, forKey: .sudo)
        sshAuthorizedKeys = try container.decodeIfPresent([String].self, forKey: .sshAuthorizedKeys)
        let written = (decoder as? TreeDecoder)?.node?.mapping
        nullKeys = written?.entries.filter { $0.value.isNull && Key(rawValue: $0.key) != nil }.map(\.key) ?? []
    }
}
