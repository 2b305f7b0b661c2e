package org.catalogimport.commerceml;

/**
 * A unit of measure ({@code ЕдиницаИзмерения}).
 *
 * @param code              OKEI code ({@code 796} = piece), trimmed: 1C pads it ({@code "796 "});
 *                          the unit's {@code Ид} when it has no {@code Код}
 * @param internationalCode {@code МеждународноеСокращение}, e.g. {@code PCE}
 */
public record UnitRecord(String code, String shortName, String fullName, String internationalCode) {
}
