package kz.btcom.fs.numbering;

import java.util.Objects;

/**
 * A geographic area BTcom serves: a local number dialled there has {@code localDigits} digits, and the national
 * number is {@code code} followed by them (Almaty 727 + 7 digits, Astana 7172 + 6 digits).
 */
public record Area(String name, String code, int localDigits) {

    public Area {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(code, "code");
    }
}
