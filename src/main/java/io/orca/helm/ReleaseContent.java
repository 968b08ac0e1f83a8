package io.orca.helm;

/**
 * {@code helm get values} and {@code helm get manifest} of one revision.
 *
 * @param values   the user-supplied values, as YAML ({@code "null\n"} or {@code "{}\n"} when none were given)
 * @param manifest the rendered manifest Helm applied for that revision
 */
public record ReleaseContent(int revision, String values, String manifest) {
}
