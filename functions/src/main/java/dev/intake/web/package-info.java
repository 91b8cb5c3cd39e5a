/**
 * The optional live fetch of public case-study pages, safe against server-side request forgery:
 * {@link dev.intake.web.SafePageFetcher} implements the rules' {@link dev.intake.rules.PageFetcher}
 * with an address policy checked on every DNS answer and redirect, TLS, and bounds on time and size,
 * and extracts the page's text.
 *
 * <p>Must not depend on anything of the project but that port, nor on any AWS type (an ArchUnit
 * test checks the AWS part).
 */
package dev.intake.web;
