package social.herd.web.impl.errors;

import social.herd.web.api.ApiException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/** Maps an {@link ApiException} to its status and {@code {"error": ...}}. */
@Component(service = ExceptionMapper.class)
@JakartarsExtension
@JakartarsName("herd.errors.ApiException")
public final class ApiExceptionMapper implements ExceptionMapper<ApiException> {

    @Override
    public Response toResponse(ApiException exception) {
        return ExceptionResponses.toResponse(exception);
    }
}
