package dev.herald.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GcHeapInfoTest {

    @Test
    void reads_the_tenured_generation_of_the_serial_collector() {
        String info = """
                8727:
                DefNew     total 116224K, used 1024K [0x0000000687400000, 0x000000068f210000, 0x0000000704d50000)
                 eden space 103360K,   0% used [0x0000000687400000, 0x0000000687400000, 0x000000068d8f0000)
                 from space 12864K,   0% used [0x000000068d8f0000, 0x000000068d8f0000, 0x000000068e580000)
                 to   space 12864K,   0% used [0x000000068e580000, 0x000000068e580000, 0x000000068f210000)
                Tenured    total 258048K, used 68619K [0x0000000704d50000, 0x0000000714950000, 0x0000000800000000)
                 the  space 258048K,  26% used [0x0000000704d50000, 0x0000000709052c60, 0x0000000714950000)
                """;

        assertThat(GcHeapInfo.parse(info)).contains(new GcHeapInfo.Reading(68_619, 69_643));
    }

    @Test
    void reads_the_old_generation_of_the_parallel_collector() {
        String info = """
                8956:
                PSYoungGen      total 113152K, used 0K [0x0000000782700000, 0x000000078a500000, 0x0000000800000000)
                 eden space 97280K, 0% used [0x0000000782700000,0x0000000782700000,0x0000000788600000)
                ParOldGen       total 258048K, used 68490K [0x0000000687400000, 0x0000000697000000, 0x0000000782700000)
                 object space 258048K, 26% used [0x0000000687400000,0x000000068b6e2be0,0x0000000697000000)
                """;

        assertThat(GcHeapInfo.parse(info)).contains(new GcHeapInfo.Reading(68_490, 68_490));
    }

    @Test
    void takes_g1s_young_regions_off_its_used_heap() {
        String info = """
                8795:
                garbage-first heap   total reserved 6172672K, committed 315392K, used 68478K [0x0000000687400000, \
                0x0000000800000000)
                 region size 4096K, 2 young (8192K), 0 survivors (0K)
                """;

        assertThat(GcHeapInfo.parse(info)).contains(new GcHeapInfo.Reading(60_286, 68_478));
    }

    @Test
    void knows_nothing_of_an_error_or_another_collector() {
        assertThat(GcHeapInfo.parse("8795:\ncom.sun.tools.attach.AttachNotSupportedException")).isEmpty();
        assertThat(GcHeapInfo.parse(" ZHeap           used 64M, capacity 256M, max capacity 6028M")).isEmpty();
    }
}
