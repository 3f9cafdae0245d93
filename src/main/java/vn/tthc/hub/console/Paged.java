package vn.tthc.hub.console;

import java.util.List;

/**
 * One page of a list, the same shape for every paged list of the API and the pages: the items, the page number
 * (from 1), the page size, the total number of matching items and the number of pages.
 */
public record Paged<T>(List<T> items, int page, int size, long total, int totalPages) {
    public static final int MAX_SIZE = 500;

    public static <T> Paged<T> of(List<T> items, int page, int size, long total) {
        return new Paged<>(items, page, size, total, size <= 0 ? 0 : (int) ((total + size - 1) / size));
    }

    /** The page asked for, at least 1. */
    public static int page(int asked) {
        return Math.max(asked, 1);
    }

    /** The page size asked for, within 1..{@link #MAX_SIZE}. */
    public static int size(int asked) {
        return Math.min(Math.max(asked, 1), MAX_SIZE);
    }

    /** The offset of the first row of a page. */
    public static long offset(int page, int size) {
        return (long) (page(page) - 1) * size(size);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < totalPages;
    }
}
