package io.github.tokenstore.login;

/**
 * Which {@code return} values a login accepts: only a path of this application, relative to its context
 * (e.g. {@code /students/42?tab=crm} for {@code <context>/students/42?tab=crm}). Browser input, so an
 * allow-list: a single leading {@code /}, then only unreserved and sub-delimiter characters, {@code :},
 * {@code @} and {@code /} in the path, and also {@code ?}, {@code &} and {@code =} in an optional query. No
 * scheme, no host, no {@code //}, no backslash, no {@code .} or {@code ..} segment, no {@code %} (so no
 * encoded form of any of these), no fragment, no white space or control character, at most {@value
 * #MAX_LENGTH} characters. Anything else is the application's root {@code /}.
 */
public final class ReturnPaths {

    /** The longest return path accepted. */
    public static final int MAX_LENGTH = 1024;
    /** Where a login goes when its return path is absent or refused. */
    public static final String ROOT = "/";

    private static final String PATH_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$'()*+,;=:@/";
    private static final String QUERY_CHARS = PATH_CHARS + "?&";

    private ReturnPaths() {
    }

    /** {@code value} if it is an accepted return path, else {@link #ROOT}. */
    public static String sanitize(String value) {
        return isReturnPath(value) ? value : ROOT;
    }

    /** Whether {@code value} is an accepted return path (see the class comment). */
    public static boolean isReturnPath(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        int q = value.indexOf('?');
        String path = q < 0 ? value : value.substring(0, q);
        if (!isPlainPath(path)) {
            return false;
        }
        if (q >= 0) {
            for (int i = q + 1; i < value.length(); i++) {
                if (QUERY_CHARS.indexOf(value.charAt(i)) < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether {@code value} is a plain absolute path: starts with one {@code /} (never {@code //}), has no
     * empty, {@code .} or {@code ..} segment, and holds only path characters (no {@code %}, {@code \}, {@code
     * ?} or {@code #}).
     */
    public static boolean isPlainPath(String value) {
        if (value == null || value.isEmpty() || value.charAt(0) != '/' || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (PATH_CHARS.indexOf(value.charAt(i)) < 0) {
                return false;
            }
        }
        if (value.contains("//")) {
            return false;
        }
        for (String segment : value.substring(1).split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
