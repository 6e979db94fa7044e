package kz.btcom.fs.subscriber;

import java.util.regex.Pattern;

/** JDBC URLs as they may be logged and shown: a password written into the URL is masked. */
final class JdbcUrls {

    // PostgreSQL takes ?password=...&sslpassword=..., H2 takes ;PASSWORD=...; either may be spelt in any case.
    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile("(?i)([?&;](?:ssl)?(?:password|pwd)=)[^&;]*");
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/@:?;]*:)[^/@?;]*@");

    private JdbcUrls() {
    }

    static String withoutPassword(String url) {
        String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
        return USER_INFO_PASSWORD.matcher(masked).replaceAll("$1***@");
    }
}
