package io.unitrace.gs1;

/**
 * One content check named in the syntax dictionary (the names after the commas in a component, e.g.
 * {@code csum} in {@code N14,csum,gcppos2}). It looks at {@code value[from, to)} only, so the hot
 * path never cuts substrings, and answers {@code null} when the component is fine.
 */
@FunctionalInterface
interface Linter {

  /** A fault whose offset is an index into {@code value}, or {@code null}. */
  Fault lint(String value, int from, int to);
}
