package dev.herald.bench.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.devidp.DevKeys;
import dev.herald.devidp.DevTokenIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersTest {

    @TempDir
    Path dir;

    @Test
    void mintsHeraldDevTokensForASliceOfUsers() {
        final DevTokenIssuer issuer = new DevTokenIssuer(DevKeys.generate(), "herald-dev", "herald",
                                                         Clock.systemUTC());
        final List<BenchUser> users = new TokenMinter(issuer, "u").mint(2, 5);
        assertThat(users).extracting(BenchUser::id).containsExactly("u3", "u4", "u5");
        final DecodedJWT token = JWT.decode(users.get(0).token());
        assertThat(token.getSubject()).isEqualTo("u3");
        assertThat(token.getAudience()).containsExactly("herald");
        assertThat(token.getAlgorithm()).isEqualTo("RS256");
        assertThat(users.get(0).toString()).doesNotContain(users.get(0).token());
    }

    @Test
    void readsTheSeedsTokenFile() throws Exception {
        final Path file = dir.resolve("tokens.json");
        Files.writeString(file, """
                [{"id": "00000000-0000-4000-8000-000000000001", "username": "u1", "token": "a.b.c"},
                 {"id": "00000000-0000-4000-8000-000000000002", "name": "u2", "token": "d.e.f"}]
                """);
        final List<BenchUser> users = TokenFile.read(file, new ObjectMapper());
        assertThat(users).containsExactly(
                new BenchUser("00000000-0000-4000-8000-000000000001", "u1", "a.b.c"),
                new BenchUser("00000000-0000-4000-8000-000000000002", "u2", "d.e.f"));
    }

    @Test
    void rejectsEntriesWithoutAToken() throws Exception {
        final Path file = dir.resolve("tokens.json");
        Files.writeString(file, "[{\"id\": \"u1\"}]");
        assertThatThrownBy(() -> TokenFile.read(file, new ObjectMapper()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
    }
}
