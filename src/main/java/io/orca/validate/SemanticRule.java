package io.orca.validate;

/** A check beyond the schema. Rules must tolerate documents that failed the schema: they skip what they can't read. */
public interface SemanticRule {
    void check(RuleContext context);
}
