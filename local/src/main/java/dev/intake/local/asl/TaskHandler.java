package dev.intake.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs a Task in-process: given the task input (the Lambda Payload, or the service Parameters)
 * returns the result. Throw {@link TaskFailedException} to fail with a chosen error name; any other
 * exception fails with its class name as the error and its message as the cause.
 */
@FunctionalInterface
public interface TaskHandler {

  JsonNode handle(JsonNode input) throws Exception;
}
