package social.herd.federation.impl.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApJsonTest {

    private static JsonNode json(String s) {
        return Corpus.parseJson(s.replace('\'', '"'));
    }

    @Test
    void idFromStringObjectLinkOrArray() {
        assertThat(ApJson.id(json("{'actor':'https://a.example/u/1'}"), "actor")).isEqualTo("https://a.example/u/1");
        assertThat(ApJson.id(json("{'actor':{'id':'https://a.example/u/1','type':'Person'}}"), "actor"))
                .isEqualTo("https://a.example/u/1");
        assertThat(ApJson.id(json("{'actor':{'type':'Link','href':'https://a.example/u/1'}}"), "actor"))
                .isEqualTo("https://a.example/u/1");
        assertThat(ApJson.id(json("{'actor':[null,{'id':'https://a.example/u/1'}]}"), "actor"))
                .isEqualTo("https://a.example/u/1");
        assertThat(ApJson.id(json("{'actor':null}"), "actor")).isNull();
        assertThat(ApJson.id(json("{}"), "actor")).isNull();
        assertThat(ApJson.id(json("{'actor':42}"), "actor")).isNull();
    }

    @Test
    void idsFromSingleValueOrArray() {
        assertThat(ApJson.ids(json("{'to':'https://x.example/a'}"), "to")).containsExactly("https://x.example/a");
        assertThat(ApJson.ids(json("{'to':['https://x.example/a',{'id':'https://x.example/b'},{'href':'https://x.example/c'},7]}"), "to"))
                .containsExactly("https://x.example/a", "https://x.example/b", "https://x.example/c");
        assertThat(ApJson.ids(json("{}"), "to")).isEmpty();
        assertThat(ApJson.list(json("{'tag':{'type':'Mention'}}"), "tag")).hasSize(1);
    }

    @Test
    void typesFromStringOrArray() {
        assertThat(ApJson.types(json("{'type':'Note'}"))).containsExactly("Note");
        assertThat(ApJson.types(json("{'type':['Person','schema:Thing']}"))).containsExactly("Person", "Thing");
        assertThat(ApJson.types(json("{'type':'https://www.w3.org/ns/activitystreams#Note'}"))).containsExactly("Note");
        assertThat(ApJson.hasType(json("{'type':['Document','Image']}"), "Image")).isTrue();
        assertThat(ApJson.types(json("{}"))).isEmpty();
    }

    @Test
    void scalars() {
        JsonNode n = json("{'a':'x','b':true,'c':'false','d':12,'e':'13','f':{'k':1},'g':'  '}");
        assertThat(ApJson.text(n, "a")).isEqualTo("x");
        assertThat(ApJson.text(n, "f")).isNull();
        assertThat(ApJson.nonBlank(n, "g")).isNull();
        assertThat(ApJson.bool(n, "b", false)).isTrue();
        assertThat(ApJson.bool(n, "c", true)).isFalse();
        assertThat(ApJson.bool(n, "missing", true)).isTrue();
        assertThat(ApJson.integer(n, "d")).isEqualTo(12);
        assertThat(ApJson.integer(n, "e")).isEqualTo(13);
        assertThat(ApJson.integer(n, "a")).isNull();
        assertThat(ApJson.firstObject(json("{'x':['s',{'k':1}]}"), "x").get("k").asInt()).isEqualTo(1);
    }

    @Test
    void instantsInTheFormsServersSend() {
        assertThat(ApJson.parseInstant("2021-11-05T11:46:50Z")).isEqualTo(Instant.parse("2021-11-05T11:46:50Z"));
        assertThat(ApJson.parseInstant("2021-10-07T18:06:52.555500Z")).isEqualTo(Instant.parse("2021-10-07T18:06:52.555500Z"));
        assertThat(ApJson.parseInstant("2021-10-20T12:40:37+02:00")).isEqualTo(Instant.parse("2021-10-20T10:40:37Z"));
        assertThat(ApJson.parseInstant("2023-10-30T12:44:35+0000")).isEqualTo(Instant.parse("2023-10-30T12:44:35Z"));
        assertThat(ApJson.parseInstant("2019-09-19T00:32:36.785333")).isEqualTo(Instant.parse("2019-09-19T00:32:36.785333Z"));
        assertThat(ApJson.parseInstant("2024-01-02")).isEqualTo(Instant.parse("2024-01-02T00:00:00Z"));
        assertThat(ApJson.parseInstant("yesterday")).isNull();
        assertThat(ApJson.parseInstant(null)).isNull();
    }

    @Test
    void contentMapAndUrls() {
        JsonNode n = json("{'contentMap':{'de':'<p>Hallo</p>','en':'<p>Hi</p>'}}");
        assertThat(ApJson.languageMap(n, "contentMap").keySet()).containsExactly("de", "en");
        assertThat(ApJson.url(json("'https://x.example/p'"), "text/html")).isEqualTo("https://x.example/p");
        assertThat(ApJson.url(json("{'type':'Link','href':'https://x.example/p'}"), "text/html")).isEqualTo("https://x.example/p");
        assertThat(ApJson.url(json("[{'type':'Link','mediaType':'video/mp4','href':'https://x.example/v.mp4'},"
                + "{'type':'Link','mediaType':'text/html','href':'https://x.example/w'}]"), "text/html"))
                .isEqualTo("https://x.example/w");
        assertThat(ApJson.url(json("{'type':'Image','url':{'type':'Link','href':'https://x.example/i.png'}}"), null))
                .isEqualTo("https://x.example/i.png");
        assertThat(ApJson.host("https://Social.Example:8443/users/a")).isEqualTo("social.example");
    }
}
