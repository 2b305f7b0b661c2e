package org.catalogimport.platform.health;

/** Turns an exception chain into the one line an operator needs: the innermost message. */
final class Failures {

    private Failures() {
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
