package social.herd.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.core.MultivaluedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestParamsTest {

    @Test
    void formQueryAndJsonReadTheSame() throws Exception {
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        form.put("status_ids[]", List.of("1", "2"));
        form.putSingle("forward", "true");
        form.putSingle("poll[expires_in]", "300");
        MultivaluedHashMap<String, String> query = new MultivaluedHashMap<>();
        query.putSingle("limit", "5");
        RequestParams f = RequestParams.of(query, form);
        RequestParams j = RequestParams.json(query, Json.mapper().readTree(
                "{\"status_ids\":[1,2],\"forward\":true,\"poll\":{\"expires_in\":300},\"none\":null}"));
        for (RequestParams p : List.of(f, j)) {
            assertThat(p.ids("status_ids")).containsExactly(1L, 2L);
            assertThat(p.bool("forward", false)).isTrue();
            assertThat(p.id("poll[expires_in]")).isEqualTo(300L);
            assertThat(p.id("limit")).isEqualTo(5L);
            assertThat(p.has("none")).isFalse();
            assertThat(p.bool("missing")).isNull();
        }
    }

    @Test
    void aBadNumberIsA422NamingTheParameter() {
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        form.putSingle("account_id", "abc");
        assertThatThrownBy(() -> RequestParams.of(null, form).id("account_id"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("account_id is invalid"));
    }
}
