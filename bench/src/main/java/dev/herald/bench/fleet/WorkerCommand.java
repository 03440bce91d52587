package dev.herald.bench.fleet;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a worker process: the same Java and class path as this process, its heap and
 * {@code -D}/{@code -XX} options, the run's own arguments, then {@code --worker N --tag T --seed S}.
 */
public final class WorkerCommand {

    private final String java;
    private final List<String> jvmOptions;
    private final String classPath;
    private final String mainClass;

    public WorkerCommand(String java, List<String> jvmOptions, String classPath, String mainClass) {
        this.java = java;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.classPath = classPath;
        this.mainClass = mainClass;
    }

    /** The Java, options and class path of this process. */
    public static WorkerCommand ofThisJvm(String mainClass) {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(o -> o.startsWith("-Xm") || o.startsWith("-Xss") || o.startsWith("-XX:")
                             || o.startsWith("-D") || o.startsWith("--enable-native-access"))
                .toList();
        return new WorkerCommand(java, options, System.getProperty("java.class.path"), mainClass);
    }

    public List<String> command(List<String> runArgs, int worker, String tag, long seed) {
        final List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(runArgs);
        command.addAll(List.of("--worker", Integer.toString(worker), "--tag", tag, "--seed", Long.toString(seed)));
        return command;
    }
}
