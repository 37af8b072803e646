package io.hotline.users;

/** What came of a sign-in attempt. */
public sealed interface SignInOutcome {

    /** Right login and password. */
    record Accepted(ConsoleUser user) implements SignInOutcome {}

    /** Unknown login, wrong password or a disabled user: the caller is not told which. */
    record Rejected() implements SignInOutcome {}
}
