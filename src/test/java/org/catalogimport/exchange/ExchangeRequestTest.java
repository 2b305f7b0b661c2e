package org.catalogimport.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExchangeRequestTest {

    @Test
    void aSecondQuestionMarkCountsAsAnAmpersand() {
        ExchangeRequest request = ExchangeRequest.parse("site=shop?type=catalog&mode=init&version=3.1");
        assertEquals("catalog", request.type());
        assertEquals("init", request.mode());
        assertEquals("3.1", request.parameter("version").orElseThrow());
    }

    @Test
    void decodesFileNamesAndKeepsTheFirstValue() {
        ExchangeRequest request = ExchangeRequest.parse("type=catalog&mode=file&filename=goods%2F%D1%82%D0%BE%D0%B2.xml&mode=x");
        assertEquals("file", request.mode());
        assertEquals("goods/тов.xml", request.parameter("filename").orElseThrow());
    }

    @Test
    void aBrokenEscapeIsKeptAsItIsAndEmptyValuesCountAsAbsent() {
        ExchangeRequest request = ExchangeRequest.parse("TYPE=SALE&mode=query&filename=50%&sessid=");
        assertTrue(request.isSale());
        assertEquals("50%", request.parameter("filename").orElseThrow());
        assertTrue(request.parameter("sessid").isEmpty());
        assertEquals("catalog", ExchangeRequest.parse(null).type());
    }

    @Test
    void answersPutTheStatusAloneOnLineOneAndKeepMessagesOnOneLine() {
        assertEquals("success\nzip=yes", ExchangeAnswer.success("zip=yes").text());
        assertEquals("zip=yes\nfile_limit=10", ExchangeAnswer.settings(List.of("zip=yes", "file_limit=10")).text());
        assertEquals("failure\nbroken at line 3: bad", ExchangeAnswer.failure("broken at line 3:\r\nbad").text());
        assertEquals("progress\n1/2 items", ExchangeAnswer.progress("1/2 items").text());
    }
}
