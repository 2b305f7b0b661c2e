package org.catalogimport.testing;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

/** A console table as the browser renders it: rows of trimmed cell texts, what the administrator reads. */
public final class RenderedTable {

    private RenderedTable() {
    }

    /** The cells of one row. */
    public static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(cell -> cell.getText().strip()).toList();
    }

    /** The body rows of the table with the JSF id {@code tableId} (e.g. "detail:report"), in the order shown. */
    public static List<List<String>> rows(SearchContext page, String tableId) {
        return page.findElements(By.cssSelector("#" + tableId.replace(":", "\\:") + " tbody tr")).stream()
                .map(RenderedTable::cells).toList();
    }

    /** One column of that table (rows with fewer cells, such as an empty message, are left out). */
    public static List<String> column(SearchContext page, String tableId, int column) {
        return rows(page, tableId).stream().filter(cells -> cells.size() > column).map(cells -> cells.get(column)).toList();
    }
}
