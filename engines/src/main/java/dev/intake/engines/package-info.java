/**
 * Local stand-ins for AWS services that the tests and the local runtime start: dynalite (DynamoDB's
 * wire protocol, a Node.js child process) and S3Proxy (S3's, in-process, files on disk), and
 * {@link dev.intake.engines.AtomicFiles} for the runtime's state files.
 *
 * <p>Must not depend on any other module of the project: they depend on it.
 */
package dev.intake.engines;
