package social.herd.federation.impl.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ActivityAndNoteParserTest {

    private static JsonNode json(String s) {
        return Corpus.parseJson(s.replace('\'', '"'));
    }

    @Test
    void unknownActivityTypesParseSoTheCallerCanSkip() throws Exception {
        ParsedActivity a = ActivityParser.parse(json("{'type':'Listen','actor':'https://a.example/u','object':'https://a.example/t'}"));
        assertThat(a.type()).isEqualTo("Listen");
        assertThat(a.handled()).isFalse();
        ParsedActivity b = ActivityParser.parse(json("{'type':['Unknown','Like'],'actor':{'id':'https://a.example/u'},'object':['https://a.example/n']}"));
        assertThat(b.type()).isEqualTo("Like");
        assertThat(b.actor()).isEqualTo("https://a.example/u");
        assertThat(b.objectId()).isEqualTo("https://a.example/n");
    }

    @Test
    void objectAsArrayOfOneEmbeddedObject() throws Exception {
        ParsedActivity a = ActivityParser.parse(json(
                "{'type':'Create','actor':'https://a.example/u','object':[{'id':'https://a.example/n','type':'Note'}],'target':{'id':'https://a.example/c'}}"));
        assertThat(a.objectId()).isEqualTo("https://a.example/n");
        assertThat(a.objectType()).isEqualTo("Note");
        assertThat(a.target()).isEqualTo("https://a.example/c");
    }

    @Test
    void activityWithoutTypeOrActorIsRefused() {
        assertThatThrownBy(() -> ActivityParser.parse(json("{'actor':'https://a.example/u'}"))).isInstanceOf(ActivityFormatException.class);
        assertThatThrownBy(() -> ActivityParser.parse(json("{'type':'Like'}"))).isInstanceOf(ActivityFormatException.class);
        assertThatThrownBy(() -> ActivityParser.parse(json("[1]"))).isInstanceOf(ActivityFormatException.class);
    }

    @Test
    void tombstonesAndIdlessNotesAreNotPosts() {
        assertThatThrownBy(() -> NoteParser.parse(json("{'type':'Tombstone','id':'https://a.example/n'}")))
                .isInstanceOf(ActivityFormatException.class).hasMessageContaining("Tombstone");
        assertThatThrownBy(() -> NoteParser.parse(json("{'type':'Note','content':'x'}"))).isInstanceOf(ActivityFormatException.class);
    }

    @Test
    void multipleChoicePollMediaAndContentMapOnly() throws Exception {
        ParsedObject q = NoteParser.parse(json("{'type':'Question','id':'https://a.example/q','attributedTo':['https://a.example/u'],"
                + "'contentMap':{'fr':'<p>Quoi ?</p>'},'anyOf':{'type':'Note','name':'un','replies':{'totalItems':'3'}},"
                + "'closed':'2024-01-01T00:00:00Z','votersCount':2,"
                + "'attachment':[{'type':'Document','mediaType':'video/mp4','url':[{'type':'Link','href':'https://a.example/v.mp4'}]},"
                + "{'type':'Document','mediaType':'application/pdf','url':'https://a.example/d.pdf','summary':'doc'},"
                + "{'type':'PropertyValue','name':'x','value':'y'}],"
                + "'tag':[{'type':'Hashtag','name':'#Caf\u00e9'},{'type':'Emoji','name':':blob_cat:','icon':[{'url':'https://a.example/e.png'}]},"
                + "{'type':'Emoji','name':':bad shortcode:','icon':{'url':'https://a.example/x.png'}}]}"));
        assertThat(q.contentHtml()).isEqualTo("<p>Quoi ?</p>");
        assertThat(q.language()).isEqualTo("fr");
        assertThat(q.attributedTo()).isEqualTo("https://a.example/u");
        assertThat(q.poll().multiple()).isTrue();
        assertThat(q.poll().options()).containsExactly("un");
        assertThat(q.poll().votes()).containsExactly(3);
        assertThat(q.poll().votersCount()).isEqualTo(2);
        assertThat(q.media()).extracting(m -> m.type() + " " + m.url() + " " + m.description())
                .containsExactly("video https://a.example/v.mp4 null", "unknown https://a.example/d.pdf doc");
        assertThat(q.hashtags()).containsExactly("caf\u00e9");
        assertThat(q.emojis()).containsOnlyKeys("blob_cat");
    }
}
