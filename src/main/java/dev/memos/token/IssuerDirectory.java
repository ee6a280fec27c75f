package dev.memos.token;

import java.util.Optional;

/** Finds identities by ID; the CLI uses the identities of the home, tests use fixed ones. */
public interface IssuerDirectory {
    Optional<Issuer> find(String id);
}
