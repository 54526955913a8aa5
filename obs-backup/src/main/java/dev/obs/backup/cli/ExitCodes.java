package dev.obs.backup.cli;

/**
 * The command line's exit codes, so scripts and schedulers can tell outcomes apart.
 *
 * <table>
 *   <caption>Exit codes</caption>
 *   <tr><th>code</th><th>meaning</th></tr>
 *   <tr><td>0</td><td>success</td></tr>
 *   <tr><td>1</td><td>the backup, restore or drill ran and failed</td></tr>
 *   <tr><td>2</td><td>bad arguments or configuration</td></tr>
 *   <tr><td>3</td><td>the plan is busy: another backup, restore, drill or prune holds its lock</td></tr>
 *   <tr><td>4</td><td>verification found a damaged backup</td></tr>
 *   <tr><td>5</td><td>no backup or plan with that name or id</td></tr>
 *   <tr><td>6</td><td>the store could not be read or written</td></tr>
 * </table>
 */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** The backup, restore or drill ran and failed. */
  public static final int FAILED = 1;

  /** Bad arguments or configuration. */
  public static final int USAGE = 2;

  /** Another run holds the plan's lock. */
  public static final int BUSY = 3;

  /** Verification found a damaged backup. */
  public static final int DAMAGED = 4;

  /** No such backup or plan. */
  public static final int NOT_FOUND = 5;

  /** The store could not be read or written. */
  public static final int IO_ERROR = 6;

  private ExitCodes() {}
}
