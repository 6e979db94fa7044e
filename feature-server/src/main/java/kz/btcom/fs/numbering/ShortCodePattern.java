package kz.btcom.fs.numbering;

/** A short-code pattern such as "1XX": fixed leading digits, then any digits up to {@code length} in all. */
record ShortCodePattern(String prefix, int length) {

    /** {@code digits} is known to be digits only. */
    boolean matches(String digits) {
        return digits.length() == length && digits.startsWith(prefix);
    }

    @Override
    public String toString() {
        return prefix + "X".repeat(length - prefix.length());
    }
}
