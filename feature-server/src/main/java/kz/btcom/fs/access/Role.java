package kz.btcom.fs.access;

import java.util.Locale;
import java.util.Optional;

/** What a token may do (PRODUCT.md): operators provision and bill, technicians read and trace. */
public enum Role {
    OPERATOR,
    TECHNICIAN;

    /** The name in configuration and messages: "operator", "technician". */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromConfigName(String name) {
        for (Role role : values()) {
            if (role.configName().equalsIgnoreCase(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
