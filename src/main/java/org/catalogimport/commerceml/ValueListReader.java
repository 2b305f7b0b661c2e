package org.catalogimport.commerceml;

import java.util.ArrayList;
import java.util.List;

/** The "key + Значение*" lists products and offers share: property values and requisites. */
final class ValueListReader {

    private ValueListReader() {
    }

    /** {@code ЗначенияСвойств}: adds one {@link PropertyValue} per {@code ЗначенияСвойства} that names its property. */
    static void propertyValues(XmlCursor cursor, List<PropertyValue> into) throws PackageException {
        while (cursor.nextChild()) {
            if (!cursor.name().equals("ЗначенияСвойства")) {
                cursor.skip();
                continue;
            }
            String propertyId = null;
            List<String> values = new ArrayList<>(1);
            while (cursor.nextChild()) {
                switch (cursor.name()) {
                    case "Ид" -> propertyId = cursor.text();
                    case "Значение", "ИдЗначения" -> addValue(cursor.text(), values);
                    default -> cursor.skip();
                }
            }
            if (propertyId != null) {
                into.add(new PropertyValue(propertyId, values));
            }
        }
    }

    /** {@code ЗначенияРеквизитов}: adds one {@link Requisite} per named {@code ЗначениеРеквизита}. */
    static void requisites(XmlCursor cursor, List<Requisite> into) throws PackageException {
        while (cursor.nextChild()) {
            if (!cursor.name().equals("ЗначениеРеквизита")) {
                cursor.skip();
                continue;
            }
            String name = null;
            List<String> values = new ArrayList<>(1);
            while (cursor.nextChild()) {
                switch (cursor.name()) {
                    case "Наименование" -> name = cursor.text();
                    case "Значение" -> addValue(cursor.text(), values);
                    default -> cursor.skip();
                }
            }
            if (name != null) {
                into.add(new Requisite(name, values));
            }
        }
    }

    private static void addValue(String value, List<String> values) {
        if (!Values.isNoValue(value)) {
            values.add(value);
        }
    }

    /** Adds the text of each {@code Ид} child (e.g. of {@code Группы}), leaving out empty ids and the zero GUID. */
    static void ids(XmlCursor cursor, List<String> into) throws PackageException {
        while (cursor.nextChild()) {
            if (cursor.name().equals("Ид")) {
                String id = Values.id(cursor.text());
                if (id != null) {
                    into.add(id);
                }
            } else {
                cursor.skip();
            }
        }
    }

    /** The {@code Наименование} child of a reference element such as {@code Изготовитель}. */
    static String nameOf(XmlCursor cursor) throws PackageException {
        String name = null;
        while (cursor.nextChild()) {
            if (cursor.name().equals("Наименование")) {
                name = cursor.text();
            } else {
                cursor.skip();
            }
        }
        return name;
    }
}
