package org.catalogimport.commerceml;

import java.util.List;

/**
 * A free-form requisite ({@code ЗначениеРеквизита}): {@code ВидНоменклатуры}, {@code Полное наименование},
 * {@code Вес}, {@code ОписаниеФайла} ("path#caption"), … "No value" markers are removed as for
 * {@link PropertyValue}.
 */
public record Requisite(String name, List<String> values) {

    public Requisite {
        values = values == null ? List.of() : List.copyOf(values);
    }
}
