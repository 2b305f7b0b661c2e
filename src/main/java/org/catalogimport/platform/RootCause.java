package org.catalogimport.platform;

/** The one line an operator needs from an exception chain: its innermost message. */
public final class RootCause {

    private RootCause() {
    }

    /** The innermost cause's message, or its class name when it has none. */
    public static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** The innermost cause as "Type: message", for health check data. */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
