package dev.obs.servlet;

import org.jspecify.annotations.Nullable;

/**
 * Who a guarded request came from, as the audit line names it.
 *
 * @param name the token name, the Basic user or the JWT subject
 * @param kind {@code bearer} (a static token), {@code basic} or {@code jwt}
 * @param access what the credential grants; null for a valid JWT whose claim grants nothing
 */
record AdminPrincipal(String name, String kind, AdminGuard.@Nullable Access access) {
  boolean grants(AdminGuard.Access needed) {
    return access == AdminGuard.Access.WRITE
        || (access == AdminGuard.Access.READ && needed == AdminGuard.Access.READ);
  }

  @Override
  public String toString() {
    return kind + ":" + name;
  }
}
