package dev.herald.gateway.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RendezvousChoiceTest {

    private final List<String> targets = List.of("ms-1:9090", "ms-2:9090", "ms-3:9090");

    @Test
    void everyGatewayRanksAUsersInstancesAlikeWhateverTheOrderOfItsTargets() {
        RendezvousChoice one = new RendezvousChoice(targets);
        RendezvousChoice other = new RendezvousChoice(List.of("ms-3:9090", "ms-1:9090", "ms-2:9090"));

        for (int i = 0; i < 100; i++) {
            assertThat(other.ranked("user-" + i)).isEqualTo(one.ranked("user-" + i));
        }
    }

    @Test
    void usersSpreadOverTheInstances() {
        RendezvousChoice choice = new RendezvousChoice(targets);
        Map<String, Integer> firstChoices = new HashMap<>();
        for (int i = 0; i < 3_000; i++) {
            firstChoices.merge(choice.ranked("user-" + i).getFirst(), 1, Integer::sum);
        }

        assertThat(firstChoices).hasSize(3).allSatisfy((target, users) -> assertThat(users).isBetween(800, 1_200));
    }

    @Test
    void removingAnInstanceMovesOnlyItsUsers() {
        RendezvousChoice all = new RendezvousChoice(targets);
        RendezvousChoice fewer = new RendezvousChoice(List.of("ms-1:9090", "ms-2:9090"));

        for (int i = 0; i < 500; i++) {
            String first = all.ranked("user-" + i).getFirst();
            if (!first.equals("ms-3:9090")) {
                assertThat(fewer.ranked("user-" + i).getFirst()).isEqualTo(first);
            }
        }
    }
}
