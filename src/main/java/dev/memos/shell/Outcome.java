package dev.memos.shell;

/** The result of running one command line: an exit code and either a result or an error line. */
public record Outcome(String command, int exit, CommandResult result, String errorCode, String errorMessage, Throwable cause,
                      GlobalOptions global) {

    public static Outcome ok(String command, CommandResult result) {
        return new Outcome(command, ExitCodes.OK, result, null, null, null, null);
    }

    public static Outcome error(String command, int exit, String code, String message, Throwable cause) {
        return new Outcome(command, exit, null, code, message, cause, null);
    }

    /** The same outcome, shown with the global options in force for its line. */
    public Outcome shownWith(GlobalOptions options) {
        return new Outcome(command, exit, result, errorCode, errorMessage, cause, options);
    }

    public boolean ok() {
        return exit == ExitCodes.OK;
    }
}
