/** (a) The bare JVM: start, print, exit. The lower bound of any Java cold start on this machine. */
public final class Hello {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
