/**
 * The {@code ./pipeline} command line: {@code validate} and {@code template} on a partner's laptop,
 * and {@code serve}, {@code demo}, {@code upload}, {@code token} and {@code load} around the local
 * runtime. Exit codes are {@link dev.intake.cli.ExitCodes}'s; the only package that writes to standard
 * output.
 *
 * <p>Parses arguments and prints; what a command does is the report's, the parser's or the local
 * runtime's. Nothing else depends on it.
 */
package dev.intake.cli;
