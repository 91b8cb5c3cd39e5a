/**
 * The reviewer API of {@code docs/openapi.yaml}, independent of transport: an
 * {@link dev.intake.api.ApiRequest} from API Gateway (through the handler) or from the local server
 * becomes an {@link dev.intake.api.ApiResponse}. {@link dev.intake.api.ReviewerApi} serves the
 * routes; routing, the checks of a query or a body, and the JSON written are each a class of their
 * own; {@link dev.intake.api.CallerResolver} says who is asking, from an IAM principal;
 * {@link dev.intake.api.UploadLinks} hands a partner a presigned upload through the
 * {@link dev.intake.api.UploadPresigner} port.
 *
 * <p>Depends on the pipeline's ports and records, the report's JSON and the template generator. Must
 * not depend on the AWS adapters, the handlers or any AWS type (an ArchUnit test checks it).
 */
package dev.intake.api;
