package dev.herald.message.room;

import java.util.List;

/**
 * What adding or removing members did.
 *
 * @param changed users whose membership changed, in request order
 * @param unchanged users already in the state asked for, in request order
 */
public record MemberChanges(List<String> changed, List<String> unchanged) {

    public MemberChanges {
        changed = List.copyOf(changed);
        unchanged = List.copyOf(unchanged);
    }
}
