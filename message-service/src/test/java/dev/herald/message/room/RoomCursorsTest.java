package dev.herald.message.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.message.error.HeraldException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The room lists' cursors: what a page hands out, the next request reads back; anything else names its field. */
class RoomCursorsTest {

    private final UUID room = UUID.fromString("019ab2c4-5e1f-7a3b-9c2d-4e5f6a7b8c9d");

    @Test
    void aNameCursorKeepsAnyNameIncludingDotsAndNonAscii() {
        NameCursor cursor = new NameCursor("a.b/ü 🎉.", room);

        assertThat(NameCursor.parse(cursor.encode(), "after")).contains(cursor);
        assertThat(NameCursor.parse("", "after")).isEmpty();
    }

    @Test
    void anActivityCursorKeepsItsPosition() {
        ActivityCursor cursor = new ActivityCursor(12_345, room);

        assertThat(ActivityCursor.parse(cursor.encode(), "before")).contains(cursor);
        assertThat(ActivityCursor.parse("", "before")).isEmpty();
    }

    @Test
    void anythingElseIsRefusedNamingTheField() {
        assertThatThrownBy(() -> NameCursor.parse("no-dot", "after"))
                .isInstanceOfSatisfying(HeraldException.InvalidArgument.class,
                        e -> assertThat(e.field()).isEqualTo("after"));
        assertThatThrownBy(() -> NameCursor.parse("!!!." + room, "after"))
                .isInstanceOf(HeraldException.InvalidArgument.class);
        assertThatThrownBy(() -> ActivityCursor.parse("12.not-a-uuid", "before"))
                .isInstanceOfSatisfying(HeraldException.InvalidArgument.class,
                        e -> assertThat(e.field()).isEqualTo("before"));
        assertThatThrownBy(() -> ActivityCursor.parse(room.toString(), "before"))
                .isInstanceOf(HeraldException.InvalidArgument.class);
    }
}
