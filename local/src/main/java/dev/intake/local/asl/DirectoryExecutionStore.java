package dev.intake.local.asl;

import dev.intake.engines.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one JSON file per execution in a directory. Each save writes a temporary file and moves it
 * over the old one, so a crash leaves either the previous or the new record, never half of one.
 */
public final class DirectoryExecutionStore implements ExecutionStore {

  private static final Logger LOG = LoggerFactory.getLogger(DirectoryExecutionStore.class);
  private static final String SUFFIX = ".json";

  private final Path directory;

  public DirectoryExecutionStore(Path directory) {
    this.directory = directory;
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the execution store " + directory, e);
    }
  }

  @Override
  public void save(ExecutionRecord record) {
    Path target = file(record.name());
    try {
      AtomicFiles.replace(target, Json.MAPPER.writerWithDefaultPrettyPrinter()
          .writeValueAsBytes(ExecutionRecordJson.write(record)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save execution " + record.name() + " to " + target, e);
    }
  }

  @Override
  public Optional<ExecutionRecord> find(String name) {
    try {
      return Optional.of(read(file(name)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read execution " + name, e);
    }
  }

  /** Every stored execution; a file that cannot be read is logged and skipped, not fatal. */
  @Override
  public List<ExecutionRecord> all() {
    List<ExecutionRecord> records = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
      for (Path file : files) {
        try {
          records.add(read(file));
        } catch (IOException | RuntimeException e) {
          LOG.error("Skipping unreadable execution record {}", file, e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the execution store " + directory, e);
    }
    return records;
  }

  private static ExecutionRecord read(Path file) throws IOException {
    return ExecutionRecordJson.read(Json.MAPPER.readTree(Files.readAllBytes(file)));
  }

  private Path file(String name) {
    return directory.resolve(URLEncoder.encode(name, StandardCharsets.UTF_8) + SUFFIX);
  }
}
