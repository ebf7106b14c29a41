package aftersales.functions.e2e;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts the DynamoDB operations the SDK sends, by name: how tests hold the service to 1 read + 1 write. */
final class RequestCounter implements ExecutionInterceptor {

    final List<String> operations = new CopyOnWriteArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    List<String> takeAll() {
        List<String> copy = List.copyOf(operations);
        operations.clear();
        return copy;
    }
}
