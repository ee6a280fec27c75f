/**
 * Encrypted memory bundles (docs/FORMAT.md §2–5). Stable API for callers (the shell, Arweave backup/restore):
 * <ul>
 *   <li>{@link dev.memos.backup.BundlePacker} — builder (key, optional signer, {@link dev.memos.backup.RollbackIndex},
 *       clock, {@link dev.memos.backup.Compression}, level, progress); {@code pack(inputDir, outBundle)} →
 *       {@link dev.memos.backup.PackResult} (envelope = detached manifest.json, bundle SHA-256/size, skipped entries).</li>
 *   <li>{@link dev.memos.backup.BundleReader} — {@code open(bundle, BundleKeys)}: header MAC + sealed manifest from the
 *       trailer, no full pass (fast; e.g. to read sequence and address).</li>
 *   <li>{@link dev.memos.backup.BundleVerifier} — full check without extracting → {@link dev.memos.backup.VerifiedBundle}.</li>
 *   <li>{@link dev.memos.backup.BundleRestorer} — {@code restore(bundle, [envelope], outDir, force, ignoreRollback)}:
 *       verified, rollback-checked, atomic → {@link dev.memos.backup.RestoreResult}.</li>
 *   <li>{@link dev.memos.backup.RollbackIndex} — per-address highest sequence and manifest hash in $MEMOS_HOME.</li>
 *   <li>{@link dev.memos.backup.Manifest} (body), {@link dev.memos.backup.SealedManifest} (inside the bundle),
 *       {@link dev.memos.backup.ManifestEnvelope} (manifest.json; {@code withTxId} after upload),
 *       {@link dev.memos.backup.BundleHeader} (public header, no key), {@link dev.memos.backup.BundleKeys}.</li>
 * </ul>
 * Errors are {@link dev.memos.error.MemosException}: AUTH for a wrong key, INTEGRITY for anything altered,
 * truncated, unsafe or rolled back, USAGE for bad arguments.
 */
package dev.memos.backup;
