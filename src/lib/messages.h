/* The message catalogue: the wording people read when a value or a request
 * is refused, in one place so the same problem reads the same on every
 * page and in the API's "error". Each is a printf format for gk_fail (the
 * compiler checks the arguments); a %s in quotes “%s” takes the field's
 * Chinese label (web/messages.h gk_field_label for a request's parameters,
 * the caller's own label in core and service), never a code's name.
 * Log lines stay English and do not come from here. */
#ifndef GK_LIB_MESSAGES_H
#define GK_LIB_MESSAGES_H

/* --- one field's value (label) --- */
#define GK_MSG_REQUIRED      "请填写“%s”"
#define GK_MSG_TOO_LONG      "“%s”不能超过%zu个字"
#define GK_MSG_TOO_LONG_B    "“%s”过长（不能超过%zu字节）"
#define GK_MSG_CONTROL_CHARS "“%s”含有不允许的控制字符"
#define GK_MSG_NOT_UTF8      "“%s”不是有效的UTF-8文字"
#define GK_MSG_NOT_TOKEN     "“%s”只能由字母、数字和“.”“_”“-”组成"
#define GK_MSG_INT_RANGE     "“%s”须为%lld至%lld之间的整数"
#define GK_MSG_DATE          "“%s”须为日期，格式如2024-05-01"
#define GK_MSG_NOT_ALLOWED   "“%s”的值不在可选范围内"
#define GK_MSG_NOT_STRING    "“%s”须为字符串"
#define GK_MSG_NUL_CHAR      "“%s”含有空字符"

/* --- a field's name (an unknown name is shown as the request gave it) --- */
#define GK_MSG_UNKNOWN_PARAM "本页不接受参数“%.60s”"
#define GK_MSG_PARAM_TWICE   "“%s”重复提交了两次"

/* --- uploaded files (label) --- */
#define GK_MSG_FILE_EXPECTED   "“%s”须为上传的文件"
#define GK_MSG_FILE_UNEXPECTED "“%s”不接受上传文件"
#define GK_MSG_FILE_TOO_MANY   "“%s”最多上传%lld个文件"
#define GK_MSG_FILE_TOO_BIG    "“%s”中的文件过大（不能超过%zu字节）"
#define GK_MSG_FILE_REQUIRED   "请在“%s”中选择要上传的文件"

/* --- the request as a whole --- */
#define GK_MSG_NO_PAGE         "此地址没有页面"
#define GK_MSG_METHOD          "此地址不接受这种请求方法"
#define GK_MSG_METHOD_ANY      "不支持这种请求方法"
#define GK_MSG_LOGIN_FIRST     "请先登录"
#define GK_MSG_ROLE            "您的账号没有访问此页所需的角色"
#define GK_MSG_CSRF            "表单已过期或并非从本站提交，请刷新页面后重试"
#define GK_MSG_BODY_TOO_BIG    "提交的内容超过了允许的大小"
#define GK_MSG_BAD_ADDRESS     "地址过长或不是有效的UTF-8文字"
#define GK_MSG_QUERY_BAD       "地址中的参数不是有效的UTF-8文字或含有空字符"
#define GK_MSG_QUERY_TOO_MANY  "地址中的参数过多"
#define GK_MSG_TOO_MANY_FIELDS "提交的字段过多"
#define GK_MSG_FORM_MALFORMED  "表单格式有误（转义字符错误或不是有效的UTF-8文字）"
#define GK_MSG_FORM_TYPE       "表单须以application/x-www-form-urlencoded方式提交"
#define GK_MSG_JSON_TYPE       "请求正文须为JSON（Content-Type: application/json）"
#define GK_MSG_JSON_UTF8       "请求正文不是有效的UTF-8文字"
#define GK_MSG_JSON_SYNTAX     "请求正文不是有效的JSON（第%d行）"
#define GK_MSG_JSON_OBJECT     "请求正文须为JSON对象"
#define GK_MSG_MULTIPART       "上传的表单格式有误（%s）"
#define GK_MSG_TOO_MANY_FILES  "一次提交的文件过多"
#define GK_MSG_FILENAME_UTF8   "上传文件的文件名不是有效的UTF-8文字"
#define GK_MSG_PATH_NUL        "地址中含有空字符（%00）"

#endif
