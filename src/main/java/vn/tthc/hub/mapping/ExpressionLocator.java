package vn.tthc.hub.mapping;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Turns a character position reported by the JSONata evaluator into the line, the output field
 * path ({@code TaiLieuNop[].IsDeleted}) and the call as written ({@code $tf(deleted)}).
 */
final class ExpressionLocator {
    // A light scan of the source (strings, comments, brackets, object keys), not a parser: good
    // enough for mappings written one field per line, and it cannot make a mapping fail.

    record Location(int line, int column, String field, String expression) {
    }

    private ExpressionLocator() {
    }

    private static final class Level {
        final char open;
        String key;

        Level(char open) {
            this.open = open;
        }
    }

    static Location locate(String source, int position) {
        if (position < 0 || position > source.length()) {
            return new Location(0, 0, null, null);
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < position; i++) {
            if (source.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Location(line, position - lineStart + 1, fieldPath(source, position), call(source, position, lineStart));
    }

    /** Keys of the enclosing object constructors, with [] where an array constructor sits between them. */
    static String fieldPath(String s, int position) {
        Deque<Level> stack = new ArrayDeque<>();
        char previous = 0; // previous significant character, to tell a key ("k": after { or ,) from a ternary's string
        int i = 0;
        while (i < position) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
                continue;
            }
            if (c == '"' || c == '\'' || c == '`') {
                int end = i + 1;
                StringBuilder literal = new StringBuilder();
                while (end < s.length() && s.charAt(end) != c) {
                    if (s.charAt(end) == '\\' && end + 1 < s.length()) {
                        end++;
                    }
                    literal.append(s.charAt(end));
                    end++;
                }
                int next = end + 1;
                while (next < s.length() && Character.isWhitespace(s.charAt(next))) {
                    next++;
                }
                Level top = stack.peek();
                if (c != '`' && top != null && top.open == '{' && (previous == '{' || previous == ',')
                        && next < s.length() && s.charAt(next) == ':' && next < position) {
                    top.key = literal.toString();
                }
                previous = 's';
                i = end + 1;
                continue;
            }
            if (c == '{' || c == '[' || c == '(') {
                stack.push(new Level(c));
            } else if ((c == '}' || c == ']' || c == ')') && !stack.isEmpty()) {
                stack.pop();
            }
            if (!Character.isWhitespace(c)) {
                previous = c;
            }
            i++;
        }
        List<Level> levels = new ArrayList<>(stack);
        java.util.Collections.reverse(levels);
        StringBuilder path = new StringBuilder();
        for (Level level : levels) {
            if (level.open == '{' && level.key != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(level.key);
            } else if (level.open == '[' && path.length() > 0) {
                path.append("[]");
            }
        }
        return path.length() == 0 ? null : path.toString();
    }

    /** The failing call ("$name(args)") when the position is just after its "(", else the trimmed source line. */
    private static String call(String s, int position, int lineStart) {
        if (position > 0 && s.charAt(position - 1) == '(') {
            int nameStart = position - 1;
            while (nameStart > 0 && (Character.isLetterOrDigit(s.charAt(nameStart - 1)) || s.charAt(nameStart - 1) == '_'
                    || s.charAt(nameStart - 1) == '$')) {
                nameStart--;
            }
            int depth = 1;
            int end = position;
            char quote = 0;
            while (end < s.length() && depth > 0) {
                char c = s.charAt(end);
                if (quote != 0) {
                    if (c == '\\') {
                        end++;
                    } else if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
                end++;
            }
            if (nameStart < position - 1) {
                return s.substring(nameStart, end).replaceAll("\\s+", " ");
            }
        }
        int lineEnd = s.indexOf('\n', position);
        return s.substring(lineStart, lineEnd < 0 ? s.length() : lineEnd).strip();
    }
}
