package kz.btcom.fs.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RFC 7396, with the examples of its appendix A. */
class MergePatchTest {

    private static JsonNode json(String text) {
        return JsonBody.read(text.getBytes(StandardCharsets.UTF_8), "test input");
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"a\":\"b\"}                    | {\"a\":\"c\"}             | {\"a\":\"c\"}",
            "{\"a\":\"b\"}                    | {\"b\":\"c\"}             | {\"a\":\"b\",\"b\":\"c\"}",
            "{\"a\":\"b\"}                    | {\"a\":null}              | {}",
            "{\"a\":\"b\",\"b\":\"c\"}        | {\"a\":null}              | {\"b\":\"c\"}",
            "{\"a\":[\"b\"]}                  | {\"a\":\"c\"}             | {\"a\":\"c\"}",
            "{\"a\":\"c\"}                    | {\"a\":[\"b\"]}           | {\"a\":[\"b\"]}",
            "{\"a\":{\"b\":\"c\"}}            | {\"a\":{\"b\":\"d\",\"c\":null}} | {\"a\":{\"b\":\"d\"}}",
            "{\"a\":[{\"b\":\"c\"}]}          | {\"a\":[1]}               | {\"a\":[1]}",
            "[\"a\",\"b\"]                    | [\"c\",\"d\"]             | [\"c\",\"d\"]",
            "{\"a\":\"b\"}                    | [\"c\"]                   | [\"c\"]",
            "{\"a\":\"foo\"}                  | null                      | null",
            "{\"a\":\"foo\"}                  | \"bar\"                   | \"bar\"",
            "{\"e\":null}                     | {\"a\":1}                 | {\"e\":null,\"a\":1}",
            "[1,2]                            | {\"a\":\"b\",\"c\":null}  | {\"a\":\"b\"}",
            "{}                               | {\"a\":{\"bb\":{\"ccc\":null}}} | {\"a\":{\"bb\":{}}}"})
    void theExamplesOfRfc7396AppendixA(String target, String patch, String result) {
        assertEquals(json(result), MergePatch.apply(json(target), json(patch)));
    }

    @Test
    void neitherTheTargetNorThePatchIsChanged() {
        JsonNode target = json("{\"a\":{\"b\":1}}");
        JsonNode patch = json("{\"a\":{\"b\":null,\"c\":{\"d\":1}}}");

        MergePatch.apply(target, patch);

        assertEquals(json("{\"a\":{\"b\":1}}"), target);
        assertEquals(json("{\"a\":{\"b\":null,\"c\":{\"d\":1}}}"), patch);
    }
}
