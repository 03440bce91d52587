package dev.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.config.CommandLine.UsageException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static final Set<String> VALUES = Set.of("dir", "ttl", "rate");
    private static final Set<String> FLAGS = Set.of("admin");

    @Test
    void readsPositionalsOptionsInBothSpellingsAndFlags() throws UsageException {
        CommandLine line = parse("token", "alice", "--dir", "/tmp/idp", "--ttl=60", "--admin");

        assertThat(line.positionals()).containsExactly("token", "alice");
        assertThat(line.option("dir")).contains("/tmp/idp");
        assertThat(line.option("ttl", "3600")).isEqualTo("60");
        assertThat(line.flag("admin")).isTrue();
    }

    @Test
    void absentOptionsFallBack() throws UsageException {
        CommandLine line = parse();

        assertThat(line.option("dir")).isEmpty();
        assertThat(line.option("dir", ".data/idp")).isEqualTo(".data/idp");
        assertThat(line.flag("admin")).isFalse();
        assertThat(line.number("ttl", 3600, 1, 86_400)).isEqualTo(3600);
        assertThat(line.decimal("rate", 0.5, 0, 10)).isEqualTo(0.5);
    }

    @Test
    void aRepeatedOptionKeepsItsLastValue() throws UsageException {
        assertThat(parse("--dir", "a", "--dir=b").option("dir")).contains("b");
    }

    @Test
    void numbersAreCheckedAgainstTheirRange() throws UsageException {
        CommandLine line = parse("--ttl", " 60 ", "--rate", "2.5");

        assertThat(line.number("ttl", 0, 1, 100)).isEqualTo(60);
        assertThat(line.decimal("rate", 0, 0.001, 10)).isEqualTo(2.5);
        assertThatThrownBy(() -> line.number("ttl", 0, 1, 59))
                .isInstanceOf(UsageException.class)
                .hasMessage("--ttl must be a whole number from 1 to 59, not ' 60 '");
        assertThatThrownBy(() -> parse("--rate", "fast").decimal("rate", 0, 0, 10))
                .hasMessage("--rate must be a number from 0.0 to 10.0, not 'fast'");
    }

    @Test
    void undeclaredOptionsAndMissingValuesAreUsageErrors() {
        assertThatThrownBy(() -> parse("--bogus=1")).isInstanceOf(UsageException.class)
                .hasMessage("unknown option --bogus");
        assertThatThrownBy(() -> parse("--admin=yes")).hasMessage("unknown option --admin");
        assertThatThrownBy(() -> parse("--ttl")).hasMessage("--ttl needs a value");
    }

    private static CommandLine parse(String... args) throws UsageException {
        return CommandLine.parse(List.of(args), VALUES, FLAGS);
    }
}
