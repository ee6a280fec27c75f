package dev.memos.shell;

/** The product version from the jar manifest (or "dev" when run from classes). */
public final class Version {
    private Version() {
    }

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public static String banner() {
        return "memos " + current() + " (Java " + Runtime.version().feature() + ")";
    }
}
