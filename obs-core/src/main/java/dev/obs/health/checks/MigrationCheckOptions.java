package dev.obs.health.checks;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Where the migration history table lives and what the application expects of it, for {@link
 * HealthChecks#flywayMigrations(javax.sql.DataSource, MigrationCheckOptions)} and {@link
 * HealthChecks#liquibaseMigrations(javax.sql.DataSource, MigrationCheckOptions)}. Immutable; build
 * with {@link #builder()}.
 *
 * <pre>{@code
 * MigrationCheckOptions options = MigrationCheckOptions.builder()
 *     .schema("billing")
 *     .expectAtLeast("12")   // the version this release's code needs
 *     .build();
 * }</pre>
 */
public final class MigrationCheckOptions {
  private final @Nullable String schema;
  private final @Nullable String table;
  private final @Nullable String expectAtLeast;
  private final int expectAppliedAtLeast;
  private final Duration timeout;

  private MigrationCheckOptions(Builder b) {
    this.schema = b.schema;
    this.table = b.table;
    this.expectAtLeast = b.expectAtLeast;
    this.expectAppliedAtLeast = b.expectAppliedAtLeast;
    this.timeout = b.timeout;
  }

  /**
   * Returns the defaults: the tool's table in the connection's current schema, no expectations.
   *
   * @return the default options
   */
  public static MigrationCheckOptions defaults() {
    return builder().build();
  }

  /**
   * Returns a builder holding the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The schema of the history table, or {@code null} for the connection's current schema.
   *
   * @return the schema, or {@code null}
   */
  public @Nullable String schema() {
    return schema;
  }

  /**
   * The history table's name, or {@code null} for the tool's default ({@code flyway_schema_history}
   * or {@code DATABASECHANGELOG}). Matched regardless of case.
   *
   * @return the table, or {@code null}
   */
  public @Nullable String table() {
    return table;
  }

  /**
   * The lowest Flyway version that must have been applied, or {@code null} for no expectation.
   *
   * @return the version, such as {@code 3} or {@code 2.1}, or {@code null}
   */
  public @Nullable String expectAtLeast() {
    return expectAtLeast;
  }

  /**
   * The least number of applied migrations (Flyway) or change sets (Liquibase); 0 for no
   * expectation.
   *
   * @return the count
   */
  public int expectAppliedAtLeast() {
    return expectAppliedAtLeast;
  }

  /**
   * The query timeout; 2 seconds by default. JDBC counts it in whole seconds, rounded up.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }

  /** Builds {@link MigrationCheckOptions}; starts from the defaults. */
  public static final class Builder {
    private @Nullable String schema;
    private @Nullable String table;
    private @Nullable String expectAtLeast;
    private int expectAppliedAtLeast;
    private Duration timeout = HealthChecks.DEFAULT_TIMEOUT;

    private Builder() {}

    /**
     * Sets the schema of the history table.
     *
     * @param schema the schema, or {@code null} for the connection's current schema
     * @return this builder
     */
    public Builder schema(@Nullable String schema) {
      this.schema = schema;
      return this;
    }

    /**
     * Sets the history table's name, as configured in the migration tool.
     *
     * @param table the table, or {@code null} for the tool's default
     * @return this builder
     */
    public Builder table(@Nullable String table) {
      this.table = table;
      return this;
    }

    /**
     * Expects at least this Flyway version to be applied successfully; a lower latest version
     * reports DOWN as pending migrations. Flyway only.
     *
     * @param version a version such as {@code 3}, {@code 2.1} or {@code 2_1}
     * @return this builder
     */
    public Builder expectAtLeast(String version) {
      this.expectAtLeast = version;
      return this;
    }

    /**
     * Expects at least this many applied migrations or change sets; fewer reports DOWN as pending
     * migrations.
     *
     * @param count zero or more
     * @return this builder
     */
    public Builder expectAppliedAtLeast(int count) {
      this.expectAppliedAtLeast = count;
      return this;
    }

    /**
     * Sets the query timeout.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * Validates and builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException naming the option when a value is invalid
     */
    public MigrationCheckOptions build() {
      if (schema != null && schema.isBlank()) {
        throw new IllegalArgumentException("schema must not be blank; pass null for the default");
      }
      if (table != null && table.isBlank()) {
        throw new IllegalArgumentException("table must not be blank; pass null for the default");
      }
      if (expectAtLeast != null && !MigrationVersion.isValid(expectAtLeast)) {
        throw new IllegalArgumentException(
            "expectAtLeast must be a Flyway version like 3 or 2.1, got '" + expectAtLeast + "'");
      }
      if (expectAppliedAtLeast < 0) {
        throw new IllegalArgumentException(
            "expectAppliedAtLeast must be 0 or more, got " + expectAppliedAtLeast);
      }
      Units.positive("timeout", timeout);
      return new MigrationCheckOptions(this);
    }
  }
}
