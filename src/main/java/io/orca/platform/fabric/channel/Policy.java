package io.orca.platform.fabric.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A channel policy as configtx.yaml writes it: {@code ImplicitMeta "MAJORITY Admins"} or {@code Signature
 * "OR('org1MSP.admin', AND('org2MSP.peer', 'org3MSP.peer'))"} (Fabric's policy language: OR, AND, OutOf).
 */
public sealed interface Policy {
    /** Principal roles, numbered as Fabric's MSPRole.MSPRoleType. */
    enum Role {
        MEMBER, ADMIN, CLIENT, PEER, ORDERER;

        static Role parse(String s) {
            return Role.valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    /** ImplicitMeta rules, numbered as Fabric's ImplicitMetaPolicy.Rule. */
    enum MetaRule { ANY, ALL, MAJORITY }

    record ImplicitMeta(MetaRule rule, String subPolicy) implements Policy {
    }

    record Signature(Rule rule) implements Policy {
    }

    /** A signature rule: a principal's signature, or n out of several rules. */
    sealed interface Rule {
    }

    record SignedBy(String mspId, Role role) implements Rule {
    }

    record OutOf(int n, List<Rule> rules) implements Rule {
        public OutOf {
            rules = List.copyOf(rules);
        }
    }

    static Policy implicitMeta(String rule) {
        String[] parts = rule.strip().split("\\s+");
        if (parts.length != 2) throw new IllegalArgumentException("ImplicitMeta rule must be '<ANY|ALL|MAJORITY> <policy>': " + rule);
        return new ImplicitMeta(MetaRule.valueOf(parts[0].toUpperCase(Locale.ROOT)), parts[1]);
    }

    /** Parses Fabric's policy language; IllegalArgumentException with the position of what it cannot read. */
    static Policy signature(String rule) {
        return new Signature(new Parser(rule).whole());
    }

    /** A policy from configtx.yaml's {@code Type} and {@code Rule}. */
    static Policy of(String type, String rule) {
        return switch (type) {
            case "ImplicitMeta" -> implicitMeta(rule);
            case "Signature" -> signature(rule);
            default -> throw new IllegalArgumentException("unknown policy type '" + type + "' (ImplicitMeta or Signature)");
        };
    }

    /** Recursive descent over OR(...), AND(...), OutOf(n, ...) and quoted principals 'MSPID.role'. */
    final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Rule whole() {
            Rule r = rule();
            skip();
            if (pos != text.length()) throw error("unexpected text");
            return r;
        }

        private Rule rule() {
            skip();
            if (pos < text.length() && (text.charAt(pos) == '\'' || text.charAt(pos) == '"')) return principal();
            int start = pos;
            while (pos < text.length() && Character.isLetter(text.charAt(pos))) pos++;
            String op = text.substring(start, pos);
            expect('(');
            List<Rule> args = new ArrayList<>();
            Integer n = null;
            if (op.equalsIgnoreCase("OutOf")) {
                skip();
                int s = pos;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) pos++;
                if (s == pos) throw error("OutOf needs a number first");
                n = Integer.parseInt(text.substring(s, pos));
                expect(',');
            } else if (!op.equalsIgnoreCase("OR") && !op.equalsIgnoreCase("AND")) {
                pos = start;
                throw error("expected OR, AND, OutOf or a quoted principal");
            }
            args.add(rule());
            skip();
            while (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
                args.add(rule());
                skip();
            }
            expect(')');
            int count = op.equalsIgnoreCase("OR") ? 1 : op.equalsIgnoreCase("AND") ? args.size() : n;
            return new OutOf(count, args);
        }

        private Rule principal() {
            char quote = text.charAt(pos++);
            int end = text.indexOf(quote, pos);
            if (end < 0) throw error("unterminated principal");
            String p = text.substring(pos, end);
            pos = end + 1;
            int dot = p.lastIndexOf('.');
            if (dot <= 0) throw error("a principal is 'MSPID.role'");
            try {
                return new SignedBy(p.substring(0, dot), Role.parse(p.substring(dot + 1)));
            } catch (IllegalArgumentException e) {
                throw error("unknown role '" + p.substring(dot + 1) + "' (member, admin, client, peer, orderer)");
            }
        }

        private void expect(char c) {
            skip();
            if (pos >= text.length() || text.charAt(pos) != c) throw error("expected '" + c + "'");
            pos++;
        }

        private void skip() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at column " + (pos + 1) + " of policy " + text);
        }
    }
}
