package social.herd.search.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryParserTest {

    static Optional<Long> accounts(String handle) {
        return handle.equals("alice") || handle.equals("alice@example.com") ? Optional.of(7L) : Optional.empty();
    }

    @Test
    void operatorsAreTakenOutAndTheRestStaysForTheFullTextMatch() {
        StatusQuery q = QueryParser.parse("from:@alice \"tea time\" -coffee has:media -is:reply language:de "
                + "after:2026-01-01 before:2026-02-01 is:unknown", QueryParserTest::accounts);
        assertThat(q.text()).isEqualTo("\"tea time\" -coffee is:unknown");
        assertThat(q.from()).isEqualTo(7L);
        assertThat(q.hasMedia()).isTrue();
        assertThat(q.isReply()).isFalse();
        assertThat(q.language()).isEqualTo("de");
        assertThat(q.after()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
        assertThat(q.before()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
    }

    @Test
    void anUnknownAuthorFindsNothingAndBadValuesAreIgnored() {
        assertThat(QueryParser.parse("from:nobody x", QueryParserTest::accounts).from()).isEqualTo(-1L);
        StatusQuery q = QueryParser.parse("before:yesterday language:klingon-ish has:poll", QueryParserTest::accounts);
        assertThat(q.before()).isNull();
        assertThat(q.language()).isNull();
        assertThat(q.hasPoll()).isTrue();
        assertThat(QueryParser.parse("   ", QueryParserTest::accounts).empty()).isTrue();
        assertThat(QueryParser.parse("has:media", QueryParserTest::accounts).empty()).isFalse();
    }

    @Test
    void foldingIsLowerCaseAsciiForDocumentsAndQueriesAlike() {
        assertThat(Folding.fold("Café ÜNÏCODE Ñandú")).isEqualTo("cafe unicode nandu");
        assertThat(Folding.fold(null)).isEmpty();
    }
}
