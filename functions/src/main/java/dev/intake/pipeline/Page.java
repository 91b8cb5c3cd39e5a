package dev.intake.pipeline;

import java.util.List;

/** One page of a listing, newest first, and the opaque token of the next page (null at the end). */
public record Page<T>(List<T> items, String nextToken) {

  public Page {
    items = List.copyOf(items);
  }
}
