package dev.intake.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * What DescribeExecution tells about an execution.
 *
 * @param output the output when SUCCEEDED, else null
 * @param error the error name when FAILED, else null
 * @param cause the cause when FAILED (may be null)
 * @param stopDate when it ended, or null while RUNNING
 */
public record ExecutionDescription(String name, ExecutionStatus status, JsonNode input, JsonNode output,
    String error, String cause, Instant startDate, Instant stopDate) {
}
