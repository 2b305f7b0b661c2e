package org.catalogimport.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import org.catalogimport.imports.CensusJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What 1C receives when its files' import ended, line by line, under each value of
 * {@code CATALOG_EXCHANGE_ANSWER_ON_SKIPPED}: unread items always fail the exchange (1C keeps its
 * changes), skipped items fail it only when the policy says so, a clean import succeeds.
 */
class ImportAnswersTest {

    private static final String LINK = "https://shop.example/admin/session.xhtml?id=12";
    private static final List<CensusJson.Place> UNREAD = List.of(new CensusJson.Place("products", "Товар",
            "КоммерческаяИнформация/Классификатор/Группы/Группа/Товары/Товар", 600, "import.xml", 7));

    private static ImportAnswers answers(ImportAnswers.OnSkipped policy) {
        return new ImportAnswers(policy, Locale.forLanguageTag("ru"));
    }

    @ParameterizedTest
    @EnumSource(ImportAnswers.OnSkipped.class)
    void aCleanImportSucceedsWithItsCountsUnderEveryPolicy(ImportAnswers.OnSkipped policy) {
        ExchangeAnswer answer = answers(policy).completed(new ImportAnswers.Completed(12, 1200, 0, 0, 0), List.of(), LINK);

        assertEquals("success\nИмпорт 12 завершён: обработано элементов: 1200, пропущено: 0, предупреждений: 0.",
                answer.text());
    }

    @ParameterizedTest
    @EnumSource(ImportAnswers.OnSkipped.class)
    void unreadItemsFailTheExchangeUnderEveryPolicyNamingHowManyWhatAndWhere(ImportAnswers.OnSkipped policy) {
        ExchangeAnswer answer = answers(policy).completed(new ImportAnswers.Completed(12, 0, 1, 0, 600), UNREAD, LINK);

        assertEquals("failure\nИмпорт 12 не прочитал часть пакета — элементов: 600 (Товар в "
                + "КоммерческаяИнформация/Классификатор/Группы/Группа/Товары/Товар, файл import.xml, строка 7). "
                + "Они не сохранены, поэтому обмен завершён с ошибкой, и 1С сохранит свои изменения для следующего обмена. "
                + "Импорт 12 завершён: обработано элементов: 0, пропущено: 1, предупреждений: 0. Проблемы: " + LINK,
                answer.text());
    }

    @Test
    void skippedItemsSucceedWithASummaryLineByDefault() {
        ExchangeAnswer answer = answers(ImportAnswers.OnSkipped.SUCCESS)
                .completed(new ImportAnswers.Completed(12, 10, 3, 2, 0), List.of(), LINK);

        assertEquals("success\nИмпорт 12 завершён: обработано элементов: 10, пропущено: 3, предупреждений: 2. Проблемы: "
                + LINK, answer.text());
    }

    @Test
    void skippedItemsFailTheExchangeWhenThePolicyIsFailure() {
        ExchangeAnswer answer = answers(ImportAnswers.OnSkipped.FAILURE)
                .completed(new ImportAnswers.Completed(12, 10, 3, 2, 0), List.of(), LINK);

        assertEquals("failure\nИмпорт 12 пропустил элементов: 3 (CATALOG_EXCHANGE_ANSWER_ON_SKIPPED=failure), поэтому "
                + "обмен завершён с ошибкой, и 1С сохранит свои изменения. Импорт 12 завершён: обработано элементов: 10, "
                + "пропущено: 3, предупреждений: 2. Проблемы: " + LINK, answer.text());
    }

    @Test
    void warningsAloneSucceedUnderTheFailurePolicy() {
        ExchangeAnswer answer = answers(ImportAnswers.OnSkipped.FAILURE)
                .completed(new ImportAnswers.Completed(12, 10, 0, 2, 0), List.of(), LINK);

        assertEquals("success\nИмпорт 12 завершён: обработано элементов: 10, пропущено: 0, предупреждений: 2. Проблемы: "
                + LINK, answer.text());
    }
}
