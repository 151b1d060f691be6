// The message catalogue: every text a user may read about an error or a rule, in Chinese and in
// English. Codes are stable identifiers shared by server and web; wording may change freely.
// Placeholders are written {name} and filled from params.

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

type Entry = { readonly 'zh-CN': string; readonly en: string };

const CATALOGUE = {
  // Server and API.
  'error.unauthenticated': { 'zh-CN': '请先登录', en: 'Please sign in first.' },
  'error.forbidden': { 'zh-CN': '您没有权限执行此操作', en: 'You do not have permission to do this.' },
  'error.not_found': { 'zh-CN': '未找到该记录，或您无权访问', en: 'The record was not found, or you do not have access to it.' },
  'error.validation': { 'zh-CN': '提交的内容有误，请检查标出的字段', en: 'Some of the information is not valid. Please check the marked fields.' },
  'error.conflict': { 'zh-CN': '数据已被他人修改或与现有记录冲突，请刷新后重试', en: 'The data was changed by someone else or conflicts with an existing record. Please reload and try again.' },
  'error.csrf': { 'zh-CN': '页面已过期，请刷新后重试', en: 'The page has expired. Please reload and try again.' },
  'error.rate_limited': { 'zh-CN': '登录失败次数过多，请 {minutes} 分钟后再试', en: 'Too many failed sign-in attempts. Please try again in {minutes} minutes.' },
  'error.too_many_requests': { 'zh-CN': '操作过于频繁，请稍后再试', en: 'Too many requests. Please try again later.' },
  'error.bad_credentials': { 'zh-CN': '账号或密码错误', en: 'Wrong account or password.' },
  'error.account_disabled': { 'zh-CN': '该账号已停用，请联系管理员', en: 'This account has been disabled. Please contact your administrator.' },
  'error.internal': { 'zh-CN': '系统出现错误，请稍后再试', en: 'Something went wrong on our side. Please try again later.' },
  'error.unit_cycle': { 'zh-CN': '不能把组织移动到它自己的下级组织中', en: 'A unit cannot be moved under one of its own sub-units.' },
  'error.unit_code_taken': { 'zh-CN': '组织编码“{code}”已被使用', en: 'The unit code “{code}” is already in use.' },
  'error.unit_archived': { 'zh-CN': '该组织已撤销，不能再进行此操作', en: 'This unit has been dissolved; this is no longer possible.' },
  'error.unit_has_active_children': { 'zh-CN': '该组织还有未撤销的下级组织，请先处理下级组织', en: 'This unit still has active sub-units. Deal with them first.' },
  'error.unit_has_members': { 'zh-CN': '该组织还有党员，请先将党员转出', en: 'This unit still has members. Transfer them out first.' },
  'error.password_too_weak': { 'zh-CN': '密码至少 8 位，且须同时包含字母和数字', en: 'The password must be at least 8 characters long and contain both letters and digits.' },
  'error.password_wrong': { 'zh-CN': '原密码不正确', en: 'The current password is wrong.' },
  'error.file_required': { 'zh-CN': '请选择要上传的文件', en: 'Please choose a file to upload.' },
  'error.file_too_large': { 'zh-CN': '文件过大，请拆分后分批上传', en: 'The file is too large. Please split it and upload the parts separately.' },
  'error.file_unreadable': { 'zh-CN': '无法读取该文件，请上传 Excel（.xlsx）或 CSV 文件', en: 'The file could not be read. Please upload an Excel (.xlsx) or CSV file.' },
  'error.file_empty': { 'zh-CN': '文件中没有数据', en: 'The file contains no data.' },
  'error.import_header_missing': { 'zh-CN': '缺少表头“{column}”', en: 'The column header “{column}” is missing.' },
  'error.import_has_errors': { 'zh-CN': '文件中有 {count} 处错误，未导入任何数据，请修改后重新上传', en: 'The file has {count} errors; nothing was imported. Please correct them and upload again.' },
  'error.same_unit': { 'zh-CN': '该党员已在这个组织中，不能转接到同一组织', en: 'The member already belongs to this unit; a transfer needs a different unit.' },
  'error.demo_not_empty': { 'zh-CN': '数据库中已有数据，不能再生成演示数据', en: 'The database already contains data; demo data can only be generated into an empty one.' },

  // Users and accounts.
  'user.login_required': { 'zh-CN': '用户名和手机号至少填写一项', en: 'Enter a username or a mobile number.' },
  'user.username_taken': { 'zh-CN': '该用户名已被使用', en: 'This username is already taken.' },
  'user.phone_taken': { 'zh-CN': '该手机号已被其他账号使用', en: 'This mobile number is already used by another account.' },
  'user.cannot_remove_own_admin': { 'zh-CN': '不能撤销自己的系统管理员权限', en: 'You cannot remove your own administrator role.' },
  'user.cannot_disable_self': { 'zh-CN': '不能停用自己的账号', en: 'You cannot disable your own account.' },
  'user.role_not_grantable': { 'zh-CN': '您不能授予该角色', en: 'You cannot grant this role.' },

  // 居民身份证号.
  'id.required': { 'zh-CN': '请填写身份证号', en: 'Please enter the ID card number.' },
  'id.format': { 'zh-CN': '身份证号应为 18 位：前 17 位为数字，最后一位为数字或 X', en: 'An ID card number has 18 characters: 17 digits followed by a digit or X.' },
  'id.birthdate': { 'zh-CN': '身份证号中的出生日期无效', en: 'The date of birth inside the ID card number is not valid.' },
  'id.checksum': { 'zh-CN': '身份证号校验位不正确，请核对是否输错', en: 'The ID card number fails its check digit. Please check it for typing errors.' },
  'id.birthdate_mismatch': { 'zh-CN': '出生日期与身份证号不一致', en: 'The date of birth does not match the ID card number.' },
  'id.gender_mismatch': { 'zh-CN': '性别与身份证号不一致', en: 'The gender does not match the ID card number.' },

  // Mobile numbers.
  'phone.required': { 'zh-CN': '请填写手机号', en: 'Please enter the mobile number.' },
  'phone.format': { 'zh-CN': '手机号格式不正确，应为 11 位手机号码', en: 'The mobile number is not valid; it should be an 11-digit mainland China mobile number.' },

  // Dates.
  'date.required': { 'zh-CN': '请填写日期', en: 'Please enter a date.' },
  'date.format': { 'zh-CN': '无法识别的日期，请按“1985-03-12”的格式填写', en: 'The date could not be read. Please write it like “1985-03-12”.' },
  'date.invalid': { 'zh-CN': '日期不存在，请检查年、月、日', en: 'This date does not exist. Please check the year, month and day.' },

  // Members.
  'member.name_required': { 'zh-CN': '请填写姓名', en: 'Please enter the name.' },
  'member.name_too_long': { 'zh-CN': '姓名不能超过 {max} 个字', en: 'The name cannot be longer than {max} characters.' },
  'member.gender_required': { 'zh-CN': '请填写性别', en: 'Please enter the gender.' },
  'member.gender_invalid': { 'zh-CN': '无法识别的性别“{value}”，请填写“男”或“女”', en: 'Unknown gender “{value}”; use male or female.' },
  'member.birth_future': { 'zh-CN': '出生日期不能晚于今天', en: 'The date of birth cannot be in the future.' },
  'member.birth_too_early': { 'zh-CN': '出生日期不能早于 1900 年', en: 'The date of birth cannot be before 1900.' },
  'member.join_future': { 'zh-CN': '入党日期不能晚于今天', en: 'The date of joining cannot be in the future.' },
  'member.join_too_young': { 'zh-CN': '入党时应年满 18 周岁', en: 'A member must be at least 18 years old when joining the party.' },
  'member.date_future': { 'zh-CN': '日期不能晚于今天', en: 'The date cannot be in the future.' },
  'member.status_required': { 'zh-CN': '请填写党员状态（正式党员或预备党员）', en: 'Please enter the membership status (full or probationary).' },
  'member.status_invalid': { 'zh-CN': '无法识别的党员状态“{value}”，请填写“正式党员”或“预备党员”', en: 'Unknown membership status “{value}”; use full or probationary.' },
  'member.full_date_not_allowed': { 'zh-CN': '预备党员尚未转正，不应填写转正日期', en: 'A probationary member has no date of becoming a full member yet.' },
  'member.full_date_invalid': { 'zh-CN': '转正日期不能早于入党日期，也不能晚于今天', en: 'The date of becoming a full member must be between the date of joining and today.' },
  'member.ethnicity_unknown': { 'zh-CN': '无法识别的民族“{value}”，请填写全称，如“汉族”', en: 'Unknown ethnic group “{value}”; write the full official name of the group.' },
  'member.education_unknown': { 'zh-CN': '无法识别的学历“{value}”', en: 'Unknown education level “{value}”.' },
  'member.unit_required': { 'zh-CN': '请填写所在支部（组织编码或组织名称）', en: 'Please enter the member\u2019s branch (unit code or unit name).' },
  'member.specialty_unknown': { 'zh-CN': '特长“{value}”不在本组织的特长列表中', en: 'The specialty “{value}” is not in this unit\u2019s list of specialties.' },
  'member.id_exists': { 'zh-CN': '该身份证号已在党员库中', en: 'This ID card number is already in the member registry.' },
  'member.warn_probation_due': { 'zh-CN': '预备期已满一年，请及时讨论转正', en: 'The one-year probation is over; the branch should decide on full membership.' },
  'member.warn_probation_overdue': { 'zh-CN': '预备期已超过两年仍未转正，请核实党员状态', en: 'Still probationary more than two years after joining; please check the membership status.' },

  // Units.
  'unit.code_required': { 'zh-CN': '请填写组织编码', en: 'Please enter the unit code.' },
  'unit.code_format': { 'zh-CN': '组织编码只能由字母、数字、下划线和短横线组成，最多 32 位', en: 'A unit code may contain only letters, digits, underscores and hyphens, at most 32 characters.' },
  'unit.name_required': { 'zh-CN': '请填写组织名称', en: 'Please enter the unit name.' },
  'unit.name_too_long': { 'zh-CN': '组织名称不能超过 {max} 个字', en: 'The unit name cannot be longer than {max} characters.' },
  'unit.kind_required': { 'zh-CN': '请填写组织类型', en: 'Please enter the unit type.' },
  'unit.warn_branch_too_small': { 'zh-CN': '正式党员不足 3 人，应与邻近单位成立联合支部', en: 'Fewer than 3 full members: form a joint branch with neighbouring units.' },
  'unit.warn_branch_too_large': { 'zh-CN': '党员超过 50 人，可考虑成立党总支', en: 'More than 50 members: consider forming a general party branch.' },
  'unit.warn_general_branch_large': { 'zh-CN': '党员超过 100 人，可成立基层党委', en: 'More than 100 members: a primary-level party committee may be formed.' },
  'unit.warn_no_secretary': { 'zh-CN': '尚未设置书记', en: 'No secretary has been assigned.' },

  // Roll imports.
  'import.unit_type_unknown': { 'zh-CN': '未知的组织类型“{value}”', en: 'Unknown unit type “{value}”.' },
  'import.parent_unknown': { 'zh-CN': '上级组织编码“{value}”不存在', en: 'There is no parent unit with code “{value}”.' },
  'import.parent_required': { 'zh-CN': '请填写上级组织编码', en: 'Please enter the parent unit code.' },
  'import.parent_self': { 'zh-CN': '上级组织编码不能是本组织自己的编码', en: 'A unit cannot be its own parent.' },
  'import.unit_cycle_in_file': { 'zh-CN': '上级组织关系形成循环：{cycle}', en: 'The parent units form a cycle: {cycle}.' },
  'import.unit_unknown': { 'zh-CN': '找不到组织“{value}”', en: 'No unit “{value}” was found.' },
  'import.unit_ambiguous': { 'zh-CN': '组织名称“{value}”不唯一，请填写组织编码', en: 'More than one unit is named “{value}”; please use the unit code.' },
  'import.id_duplicate_in_file': { 'zh-CN': '身份证号与第 {row} 行重复', en: 'The ID card number repeats the one in row {row}.' },
  'import.id_exists': { 'zh-CN': '该身份证号已在党员库中', en: 'This ID card number is already in the member registry.' },
  'import.code_duplicate_in_file': { 'zh-CN': '组织编码与第 {row} 行重复', en: 'The unit code repeats the one in row {row}.' },
  'import.code_exists': { 'zh-CN': '组织编码“{value}”已存在', en: 'The unit code “{value}” already exists.' },
  // Points (双积分).
  'points.amount_invalid': { 'zh-CN': '分值须为 {min} 到 {max} 之间的整数', en: 'Points must be a whole number from {min} to {max}.' },
  'points.range_reversed': { 'zh-CN': '最高分不能低于最低分', en: 'The maximum cannot be below the minimum.' },
  'points.cap_invalid': { 'zh-CN': '每期上限须为正整数', en: 'The cap per period must be a positive whole number.' },
  'points.cycle_incomplete': { 'zh-CN': '周期天数和每周期次数须同时填写或同时留空', en: 'Give both the cycle in days and the awards per cycle, or neither.' },
  'points.cycle_invalid': { 'zh-CN': '周期天数须为 1 到 366，每周期次数须为正整数', en: 'The cycle must be 1 to 366 days and the awards per cycle a positive whole number.' },
  'points.veto_not_deduction': { 'zh-CN': '只有扣分规则可以设为“一票否决”', en: 'Only a deduction rule can be a veto rule.' },
  'points.amount_required': { 'zh-CN': '该规则的分值在 {min} 到 {max} 之间，请填写分值', en: 'This rule is worth {min} to {max} points; please give the points.' },
  'points.amount_out_of_range': { 'zh-CN': '该规则的分值须为 {min} 到 {max} 之间的整数', en: 'This rule is worth a whole number of points from {min} to {max}.' },
  'points.over_cap': { 'zh-CN': '超过该规则本期上限 {cap} 分（已得 {used} 分，还可得 {left} 分）', en: 'Over this rule’s cap of {cap} points for the period ({used} already awarded, {left} left).' },
  'points.over_cycle': { 'zh-CN': '该规则每 {days} 天最多计 {max} 次，本周期已满', en: 'This rule counts at most {max} times every {days} days; this cycle is full.' },
  'points.date_invalid': { 'zh-CN': '日期无效', en: 'The date is not valid.' },
  'points.date_future': { 'zh-CN': '日期不能晚于今天', en: 'The date cannot be in the future.' },
  'points.date_too_old': { 'zh-CN': '日期太早，只能申报一年以内的事项', en: 'The date is too far back; only the last year can be claimed.' },
  'points.period_invalid': { 'zh-CN': '积分周期格式应为 2026、2026-Q1 或 2026-01', en: 'A period is written 2026, 2026-Q1 or 2026-01.' },
  'points.rule_code_taken': { 'zh-CN': '规则编码“{code}”在本组织已存在', en: 'The rule code “{code}” already exists in this unit.' },
  'points.rule_inactive': { 'zh-CN': '该积分规则已停用或不适用于该党员所在组织', en: 'This rule is switched off or does not apply to the member’s unit.' },
  'points.rule_wrong_account': { 'zh-CN': '该操作需要{account}类规则', en: 'This needs a rule of the {account} account.' },
  'points.not_a_member': { 'zh-CN': '您的账号没有关联党员信息，不能申报积分', en: 'Your account is not linked to a member record, so it cannot claim points.' },
  'points.evidence_required': { 'zh-CN': '该规则须上传佐证材料（照片或 PDF）', en: 'This rule needs evidence (a photo or a PDF).' },
  'points.evidence_type': { 'zh-CN': '佐证材料只能是 JPG、PNG、WebP 图片或 PDF 文件', en: 'Evidence must be a JPG, PNG or WebP photo or a PDF file.' },
  'points.evidence_too_large': { 'zh-CN': '每个佐证文件不能超过 {mb} MB', en: 'Each evidence file can be at most {mb} MB.' },
  'points.evidence_too_many': { 'zh-CN': '最多上传 {max} 个佐证文件', en: 'At most {max} evidence files can be attached.' },
  'points.evidence_reused': { 'zh-CN': '该佐证材料已用于其他积分申报，不能重复使用', en: 'This evidence was already used for another claim.' },
  'points.claim_duplicate': { 'zh-CN': '该党员当天已按此规则申报过，不能重复申报', en: 'This member already claimed under this rule for that day.' },
  'points.claim_not_pending': { 'zh-CN': '该申报已处理，不能再审核或撤回', en: 'This claim has already been dealt with.' },
  'points.reason_required': { 'zh-CN': '请填写理由', en: 'Please give a reason.' },
  'points.already_reversed': { 'zh-CN': '该积分记录已被冲正', en: 'This entry has already been reversed.' },
  'points.cannot_reverse': { 'zh-CN': '冲正记录和兑换记录不能再冲正（兑换请取消订单）', en: 'Corrections and redemptions cannot be reversed (cancel the order instead).' },
  'points.violation_needs_dont': { 'zh-CN': '请选择“十不为”中的一项', en: 'Choose one of the ten don’ts.' },
  'points.conduct_rule_unknown': { 'zh-CN': '扣分规则“{code}”在本单位不存在或已停用', en: 'Deduction rule “{code}” does not exist here or is switched off.' },
  'points.violation_no_rule': { 'zh-CN': '该“不为”事项没有关联扣分规则，请先在清单中设置', en: 'This don’t has no deduction rule; set one in the list first.' },
  'points.insufficient_balance': { 'zh-CN': '可用积分不足：需要 {price} 分，当前可用 {balance} 分', en: 'Not enough points: {price} needed, {balance} available.' },
  'points.out_of_stock': { 'zh-CN': '库存不足（剩余 {stock} 件）', en: 'Not enough in stock ({stock} left).' },
  'points.over_limit': { 'zh-CN': '每人每期限兑 {limit} 件，您本期已兑 {bought} 件', en: 'At most {limit} per person per period; you have {bought} already.' },
  'points.item_inactive': { 'zh-CN': '该商品已下架', en: 'This item is no longer offered.' },
  'points.shop_elsewhere': { 'zh-CN': '只能在本村（社区）的积分超市兑换', en: 'You can only redeem in your own village’s (community’s) shop.' },
  'points.order_not_placed': { 'zh-CN': '该订单已交付或已取消', en: 'This order has already been handed over or cancelled.' },
  'points.board_disabled': { 'zh-CN': '该组织未开启先锋榜', en: 'This unit has switched its pioneer board off.' },
  'points.task_closed': { 'zh-CN': '该任务已截止或已关闭', en: 'This task is past its deadline or closed.' },
  'points.task_full': { 'zh-CN': '该任务认领人数已满', en: 'This task has all the people it needs.' },
  'points.task_already_claimed': { 'zh-CN': '您已认领该任务', en: 'You have already claimed this task.' },
  'points.task_claim_state': { 'zh-CN': '该任务认领当前状态下不能进行此操作', en: 'This cannot be done to the task claim in its current state.' },
  'points.list_empty': { 'zh-CN': '清单至少要有一项', en: 'The list needs at least one item.' },
  'points.nothing_published': { 'zh-CN': '尚未发布“十为十不为”清单', en: 'No list of do’s and don’ts has been published yet.' },
  'points.plaque_no_candidate': { 'zh-CN': '本期还没有可挂牌的党员（无积分）', en: 'No member has points in this period yet, so the plaque has no holder.' },
  'points.not_in_subtree': { 'zh-CN': '所选党员不在该组织内', en: 'The chosen member is not in this unit.' },
  'points.import_name_mismatch': { 'zh-CN': '姓名与身份证号不符，登记的姓名为“{name}”', en: 'The name does not match the ID number; the registered name is “{name}”.' },
  'points.import_unknown_rule': { 'zh-CN': '没有编码为“{code}”的在用积分规则', en: 'No rule in force has the code “{code}”.' },
  'points.import_no_deductions': { 'zh-CN': '扣分不能批量导入，请逐条记录并写明事由', en: 'Deductions cannot be imported in bulk; record each with its reason.' },
  'points.import_duplicate_row': { 'zh-CN': '与第 {row} 行重复（同一党员、同一规则、同一天）', en: 'Repeats row {row} (same member, rule and day).' },

  // ——— five stars, the review pipeline, public notice and objections ———
  'stars.scheme_dimensions': { 'zh-CN': '评星方案须包含五个维度，且每个维度只出现一次', en: 'The scheme needs each of the five dimensions exactly once.' },
  'stars.threshold_invalid': { 'zh-CN': '门槛须为不小于 0 的整数', en: 'Thresholds must be whole numbers of 0 or more.' },
  'stars.criterion_empty': { 'zh-CN': '请至少设置一项计分口径和一个大于 0 的门槛', en: 'Choose what counts and set a threshold above 0.' },
  'stars.name_required': { 'zh-CN': '请填写维度名称', en: 'Please name the dimension.' },
  'stars.evidence_required': { 'zh-CN': '“{dimension}”的自评须附佐证材料', en: 'The self-evaluation of “{dimension}” needs evidence.' },
  'stars.no_dimension_claimed': { 'zh-CN': '请至少对一个维度进行自评', en: 'Evaluate yourself on at least one dimension.' },
  'pipeline.not_allowed': { 'zh-CN': '当前环节不能进行此操作', en: 'This cannot be done at the current stage.' },
  'pipeline.not_your_turn': { 'zh-CN': '此环节不由您办理', en: 'This stage is not yours to act on.' },
  'pipeline.own_candidacy': { 'zh-CN': '不能评审本人（本组织）的推荐', en: 'You cannot judge your own candidacy.' },
  'pipeline.reason_required': { 'zh-CN': '退回、不推荐或处理异议时须写明理由', en: 'Returns, refusals and objection decisions need a reason.' },
  'pipeline.no_self_evaluation': { 'zh-CN': '表彰推荐没有自评环节，不能退回到自评', en: 'Commendation candidates have no self-evaluation to return to.' },
  'pipeline.quota_exceeded': { 'zh-CN': '已超出“{unit}”的推荐名额（{quota} 名）', en: 'The quota of {unit} ({quota}) is used up.' },
  'pipeline.votes_inconsistent': { 'zh-CN': '票数不一致：实到人数不能超过应到人数，赞成、反对、弃权之和不能超过实到人数', en: 'The vote counts do not add up.' },
  'pipeline.votes_no_quorum': { 'zh-CN': '到会人数未超过应到人数的一半，表决无效', en: 'Fewer than half of the members were present; the vote is not valid.' },
  'pipeline.votes_no_majority': { 'zh-CN': '赞成票未超过实到人数的一半，不能推荐', en: 'Not more than half of those present voted in favour.' },
  'pipeline.already_candidate': { 'zh-CN': '该对象已是本次评选的候选人', en: 'Already a candidate in this campaign.' },
  'pipeline.campaign_closed': { 'zh-CN': '本次评选已结束', en: 'This campaign has ended.' },
  'pipeline.self_evaluation_locked': { 'zh-CN': '自评已提交，不能再修改', en: 'The self-evaluation was submitted and can no longer be changed.' },
  'pipeline.notice_running': { 'zh-CN': '公示期尚未结束（截至 {end}）', en: 'The public notice runs until {end}.' },
  'pipeline.open_objections': { 'zh-CN': '还有 {count} 条异议未处理，不能结束公示', en: 'Objections still open: {count}. The notice cannot close.' },
  'pipeline.nothing_to_publish': { 'zh-CN': '没有待公示的候选人', en: 'No candidate is waiting for public notice.' },
  'pipeline.wrong_category': { 'zh-CN': '本次评选没有该类别', en: 'This campaign has no such category.' },
  'objection.already_handled': { 'zh-CN': '该异议已处理', en: 'This objection has already been handled.' },
  'objection.not_in_notice': { 'zh-CN': '该候选人不在公示期内，不能提出异议', en: 'This candidate is not under public notice.' },
  'objection.too_many': { 'zh-CN': '提交过于频繁，请稍后再试', en: 'Too many objections from here; please try again later.' },
  'objection.receipt_unknown': { 'zh-CN': '回执码不存在，请核对', en: 'No objection has this receipt code.' },

  // ——— commitments ———
  'commitments.content_length': { 'zh-CN': '承诺事项须为 10 到 500 个字', en: 'A commitment must be 10 to 500 characters long.' },
  'commitments.update_length': { 'zh-CN': '践诺进展须为 2 到 500 个字', en: 'A progress update must be 2 to 500 characters long.' },
  'commitments.not_a_member': { 'zh-CN': '您的账号没有关联党员信息，不能发布承诺', en: 'Your account is not linked to a member record, so it cannot publish a commitment.' },
  'commitments.not_published': { 'zh-CN': '本年度尚未发布承诺，请先发布承诺事项', en: 'No commitment has been published for this year yet; publish one first.' },
  'commitments.too_many_updates': { 'zh-CN': '本年度践诺进展已达 {max} 条上限', en: 'This year’s commitment already has the maximum of {max} progress updates.' },
  'commitments.year_invalid': { 'zh-CN': '年份须为 2000 到 2100 之间的四位数', en: 'The year must be a four-digit year from 2000 to 2100.' },
  'commitments.unit_required': { 'zh-CN': '请选择组织', en: 'Please choose a unit.' },

  // ——— notice and results ———
  'notice.start_in_past': { 'zh-CN': '公示开始日期不能早于今天', en: 'The notice cannot start before today.' },
  'notice.not_in_notice': { 'zh-CN': '本次评选不在公示阶段', en: 'This campaign is not under public notice.' },
  'objection.contact_required': { 'zh-CN': '实名提出异议时请填写联系电话，或选择匿名', en: 'Give a contact phone number, or file anonymously.' },
  'objection.content_length': { 'zh-CN': '异议内容须为 10 到 1000 个字', en: 'An objection must be 10 to 1000 characters long.' },
  'results.not_closed': { 'zh-CN': '本次评选尚未结束，结果尚未确定', en: 'This campaign has not been closed yet; its results are not final.' },
  'results.not_commendation': { 'zh-CN': '只有表彰评选才有荣誉证书', en: 'Only commendation campaigns have certificates.' },
  'results.no_certificates': { 'zh-CN': '本次评选没有获得表彰的对象', en: 'Nobody was commended in this campaign.' },
  'results.unit_unknown': { 'zh-CN': '没有编码为“{code}”的组织', en: 'No unit has the code “{code}”.' },
  'dossier.kind_five_star': { 'zh-CN': '五星党员评定', en: 'Five-star evaluation' },
  'dossier.kind_commendation': { 'zh-CN': '评选表彰', en: 'Commendations' },
  'dossier.category_five_star': { 'zh-CN': '五星党员', en: 'Five-star member' },
  'dossier.category_outstanding_member': { 'zh-CN': '优秀共产党员', en: 'Outstanding party member' },
  'dossier.category_outstanding_worker': { 'zh-CN': '优秀党务工作者', en: 'Outstanding party affairs worker' },
  'dossier.category_advanced_org': { 'zh-CN': '先进基层党组织', en: 'Advanced grassroots organization' },
  'dossier.state_self_evaluation': { 'zh-CN': '自评', en: 'Self-evaluation' },
  'dossier.state_branch_recommendation': { 'zh-CN': '支部推荐', en: 'Branch recommendation' },
  'dossier.state_committee_review': { 'zh-CN': '党委审核', en: 'Committee review' },
  'dossier.state_leading_group': { 'zh-CN': '党组研究', en: 'Leading group' },
  'dossier.state_decided': { 'zh-CN': '待公示', en: 'Decided, awaiting notice' },
  'dossier.state_public_notice': { 'zh-CN': '公示中', en: 'Under public notice' },
  'dossier.state_final': { 'zh-CN': '确定', en: 'Final' },
  'dossier.state_not_recommended': { 'zh-CN': '未通过', en: 'Not recommended' },
  'dossier.state_withdrawn': { 'zh-CN': '已撤回', en: 'Withdrawn' },
  'dossier.action_create': { 'zh-CN': '列为候选人', en: 'Put forward' },
  'dossier.action_submit': { 'zh-CN': '提交自评', en: 'Self-evaluation submitted' },
  'dossier.action_recommend': { 'zh-CN': '支部推荐', en: 'Recommended by the branch' },
  'dossier.action_decline': { 'zh-CN': '支部不推荐', en: 'Not recommended by the branch' },
  'dossier.action_approve': { 'zh-CN': '党委审核通过', en: 'Approved by the committee' },
  'dossier.action_decide': { 'zh-CN': '党组研究通过', en: 'Decided by the leading group' },
  'dossier.action_reject': { 'zh-CN': '党组研究未通过', en: 'Rejected by the leading group' },
  'dossier.action_return': { 'zh-CN': '退回', en: 'Returned' },
  'dossier.action_publish': { 'zh-CN': '公示', en: 'Public notice published' },
  'dossier.action_uphold_withdraw': { 'zh-CN': '异议成立，撤销', en: 'Objection upheld: withdrawn' },
  'dossier.action_uphold_return': { 'zh-CN': '异议成立，退回党组研究', en: 'Objection upheld: returned to the leading group' },
  'dossier.action_finalize': { 'zh-CN': '公示期满，确定', en: 'Notice ended: final' },
  'dossier.action_withdraw': { 'zh-CN': '本人撤回', en: 'Withdrawn by the candidate' },
  'dossier.action_objection_dismissed': { 'zh-CN': '异议不成立', en: 'Objection dismissed' },
  'dossier.objection_open': { 'zh-CN': '待处理', en: 'Open' },
  'dossier.objection_upheld': { 'zh-CN': '成立', en: 'Upheld' },
  'dossier.objection_dismissed': { 'zh-CN': '不成立', en: 'Dismissed' },
  'dossier.outcome_dismiss': { 'zh-CN': '不成立', en: 'Dismissed' },
  'dossier.outcome_uphold_withdraw': { 'zh-CN': '成立，撤销候选人资格', en: 'Upheld: candidacy withdrawn' },
  'dossier.outcome_uphold_return': { 'zh-CN': '成立，退回重新研究', en: 'Upheld: returned for a new decision' },
  'dossier.star_excellence': { 'zh-CN': '争先创优', en: 'Striving for excellence' },
  'dossier.star_service': { 'zh-CN': '为民服务', en: 'Serving the people' },
  'dossier.star_dedication': { 'zh-CN': '敬业奉献', en: 'Dedication' },
  'dossier.star_innovation': { 'zh-CN': '创新突破', en: 'Innovation' },
  'dossier.star_breakthrough': { 'zh-CN': '业务攻坚', en: 'Tackling hard work' },
  'dossier.heading': { 'zh-CN': '{name} 评选档案', en: 'Evaluation record of {name}' },
  'dossier.campaign': { 'zh-CN': '评选活动', en: 'Campaign' },
  'dossier.organizer': { 'zh-CN': '组织单位', en: 'Organized by' },
  'dossier.category': { 'zh-CN': '评选类别', en: 'Category' },
  'dossier.unit': { 'zh-CN': '所在组织', en: 'Unit' },
  'dossier.state': { 'zh-CN': '当前状态', en: 'Current state' },
  'dossier.stars': { 'zh-CN': '星级', en: 'Stars' },
  'dossier.nomination': { 'zh-CN': '推荐理由', en: 'Nomination' },
  'dossier.notice': { 'zh-CN': '公示期', en: 'Public notice' },
  'dossier.certificate': { 'zh-CN': '证书编号', en: 'Certificate number' },
  'dossier.self_evaluation': { 'zh-CN': '个人自评', en: 'Self-evaluation' },
  'dossier.dimension': { 'zh-CN': '维度', en: 'Dimension' },
  'dossier.claimed': { 'zh-CN': '自评达标', en: 'Claimed' },
  'dossier.statement': { 'zh-CN': '自评陈述', en: 'Statement' },
  'dossier.yes': { 'zh-CN': '是', en: 'Yes' },
  'dossier.no': { 'zh-CN': '否', en: 'No' },
  'dossier.process': { 'zh-CN': '评选过程', en: 'Process' },
  'dossier.objections': { 'zh-CN': '群众监督（异议）', en: 'Objections' },
  'dossier.time': { 'zh-CN': '时间', en: 'Time' },
  'dossier.step': { 'zh-CN': '环节', en: 'Step' },
  'dossier.from_to': { 'zh-CN': '状态变化', en: 'State' },
  'dossier.actor': { 'zh-CN': '办理人', en: 'By' },
  'dossier.reason': { 'zh-CN': '理由', en: 'Reason' },
  'dossier.detail': { 'zh-CN': '详情', en: 'Details' },
  'dossier.votes': { 'zh-CN': '表决：应到 {eligible}，实到 {present}，赞成 {inFavour}，反对 {against}，弃权 {abstain}', en: 'Vote: {eligible} entitled, {present} present, {inFavour} for, {against} against, {abstain} abstaining' },
  'dossier.meeting': { 'zh-CN': '会议日期', en: 'Meeting' },
  'dossier.filed': { 'zh-CN': '提出时间', en: 'Filed' },
  'dossier.content': { 'zh-CN': '异议内容', en: 'Objection' },
  'dossier.outcome': { 'zh-CN': '处理结果', en: 'Outcome' },
  'dossier.reply': { 'zh-CN': '答复', en: 'Reply' },
  'dossier.handled': { 'zh-CN': '处理时间', en: 'Handled' },
  'dossier.none': { 'zh-CN': '无', en: 'None' },
  'dossier.page': { 'zh-CN': '第 {n} 页，共 {total} 页', en: 'Page {n} of {total}' },

  // ——— stars ———
  'stars.rule_unknown': { 'zh-CN': '本组织没有编码为“{code}”的积分规则', en: 'No points rule of this unit has the code “{code}”.' },
  'stars.rule_wrong_account': { 'zh-CN': '规则“{code}”不属于所选的计分账户，不会被计入', en: 'Rule “{code}” is not in one of the chosen accounts, so it would never count.' },
  'stars.calendar_outside_year': { 'zh-CN': '日期“{day}”不在 {year} 年内', en: 'The day {day} is not in {year}.' },
  'stars.calendar_workday_weekday': { 'zh-CN': '调休上班日“{day}”应为周六或周日', en: 'A make-up working day ({day}) must be a Saturday or Sunday.' },
  'stars.calendar_day_twice': { 'zh-CN': '“{day}”不能同时是节假日和调休上班日，也不能重复填写', en: 'The day {day} is listed twice, or as both a holiday and a working day.' },
  'stars.admin_only': { 'zh-CN': '只有系统管理员可以修改节假日安排', en: 'Only system administrators can change the holiday calendar.' },

  // ——— campaigns ———
  'campaigns.not_open': { 'zh-CN': '本次评选已进入公示或已结束，不能再修改', en: 'This campaign is in public notice or closed; it can no longer be changed.' },
  'campaigns.quota_unit_outside': { 'zh-CN': '名额只能分配给本次评选组织范围内的单位', en: 'Quotas can only go to units inside the campaign’s organization.' },
  'campaigns.quota_duplicate': { 'zh-CN': '同一单位同一类别的名额只能设置一次', en: 'A unit has one quota per category.' },
  'campaigns.deadlines_order': { 'zh-CN': '各环节截止日期须依次为自评、支部推荐、党委审核、党组研究', en: 'Stage deadlines must follow the order self-evaluation, branch, committee, leading group.' },
  'campaigns.subject_mismatch': { 'zh-CN': '先进基层党组织须推荐组织，其他类别须推荐党员', en: 'Advanced organizations are units; every other category is for members.' },
  'campaigns.subject_outside': { 'zh-CN': '被推荐对象不在本次评选的组织范围内', en: 'This candidate is outside the campaign’s organization.' },
  'campaigns.self_entry_five_star_only': { 'zh-CN': '只有五星党员评定由党员本人自评参评；表彰由支部推荐', en: 'Members enter five-star evaluations themselves; commendations are nominated by the branch.' },
  'campaigns.no_self_evaluation': { 'zh-CN': '表彰推荐没有自评环节', en: 'Commendation candidates have no self-evaluation.' },
  'pipeline.votes_required': { 'zh-CN': '支部推荐须填写表决票数', en: 'A recommendation needs the vote counts.' },
  'pipeline.meeting_required': { 'zh-CN': '请填写会议召开日期', en: 'Please give the date of the meeting.' },
  'pipeline.meeting_in_future': { 'zh-CN': '会议日期不能晚于今天', en: 'The meeting date cannot be in the future.' },
  'pipeline.stars_not_claimed': { 'zh-CN': '推荐的星只能从本人自评申报的星中选择', en: 'Only stars the member claimed can be recommended.' },
  'pipeline.stars_not_recommended': { 'zh-CN': '决定的星只能从支部推荐的星中选择', en: 'Only stars the branch recommended can be decided.' },
  'pipeline.stars_empty': { 'zh-CN': '请至少保留一颗星；不予推荐时请选择“不推荐”或“不通过”', en: 'Keep at least one star; to refuse, decline or reject instead.' },
  'pipeline.stars_not_applicable': { 'zh-CN': '表彰推荐不评星', en: 'Commendation candidates have no stars.' },
  'pipeline.statement_required': { 'zh-CN': '申报的维度须填写事迹说明', en: 'Each dimension you claim needs a statement.' },

  // Warning cascade.
  'warning.no_area': { 'zh-CN': '请选择预警覆盖的区域（至少一个组织）', en: 'Choose the area the warning covers (at least one unit).' },
  'warning.expiry_before_effective': { 'zh-CN': '解除时间必须晚于生效时间', en: 'The expiry time must be after the effective time.' },
  'warning.expired_already': { 'zh-CN': '解除时间已过，不能发布已失效的预警', en: 'The expiry time has passed; an expired warning cannot be issued.' },
  'warning.not_active': { 'zh-CN': '该预警已{status}，不能再进行此操作', en: 'This warning is no longer active ({status}); this is no longer possible.' },
  'warning.not_covered': { 'zh-CN': '该组织不在此预警的覆盖范围内', en: 'This unit is not covered by the warning.' },
  'warning.area_outside_scope': { 'zh-CN': '预警覆盖的组织“{name}”不在您负责的范围内', en: 'The unit “{name}” is outside the area you are responsible for.' },
  'warning.version_conflict': { 'zh-CN': '该预警刚被他人更新，请刷新后再操作', en: 'This warning was just updated by someone else. Please reload and try again.' },
  'warning.nothing_changed': { 'zh-CN': '没有修改任何内容', en: 'Nothing was changed.' },
  'warning.deadlines_invalid': { 'zh-CN': '签收时限须为 1 至 1440 分钟的整数', en: 'Acknowledgement deadlines must be whole minutes from 1 to 1440.' },
  'warning.targets_invalid': { 'zh-CN': '恢复时限须为大于 0 的小时数（最多 720 小时）', en: 'Recovery targets must be hours above 0 (at most 720).' },
  'warning.status_cancelled': { 'zh-CN': '解除', en: 'Cancelled' },
  'warning.status_expired': { 'zh-CN': '过期', en: 'Expired' },
  'evacuation.negative': { 'zh-CN': '人数必须是不小于 0 的整数', en: 'Numbers of people must be whole numbers, 0 or more.' },
  'evacuation.moved_exceeds': { 'zh-CN': '已转移人数（{moved}）不能多于应转移人数（{toMove}）', en: 'People moved ({moved}) cannot exceed people to move ({toMove}).' },
  'evacuation.total_exceeds': { 'zh-CN': '已转移与拒绝转移人数之和不能多于应转移人数', en: 'People moved plus people refusing cannot exceed people to move.' },
  'evacuation.over_capacity': { 'zh-CN': '安置点“{name}”最多容纳 {capacity} 人', en: 'The shelter “{name}” holds at most {capacity} people.' },
  'evacuation.not_village': { 'zh-CN': '转移情况由村（社区）或网格填报', en: 'Evacuation is reported by villages, communities or grids.' },
  'household.reason_required': { 'zh-CN': '登记需优先转移人员时须说明理由', en: 'Say why a person to move first is recorded.' },
  'household.not_grid': { 'zh-CN': '住户须登记在网格、村或社区下', en: 'Households are registered under a grid, village or community.' },
  'alarm.no_location': { 'zh-CN': '请说明险情位置（定位或地点描述）', en: 'Say where the danger is (a location or a description of the place).' },
  'alarm.photo_not_image': { 'zh-CN': '照片须为 JPEG、PNG 或 WebP 图片', en: 'Photos must be JPEG, PNG or WebP images.' },
  'alarm.photo_too_large': { 'zh-CN': '照片不能超过 {limitMb} MB', en: 'A photo may be at most {limitMb} MB.' },
  'alarm.too_many_photos': { 'zh-CN': '每条上报最多 {limit} 张照片', en: 'An alarm can have at most {limit} photos.' },
  'alarm.already_promoted': { 'zh-CN': '该上报已转为预警', en: 'This alarm has already been turned into a warning.' },
  'alarm.closed': { 'zh-CN': '该上报已处理完毕', en: 'This alarm has already been closed.' },
  'recovery.restored_before_start': { 'zh-CN': '恢复时间不能早于中断时间', en: 'The restore time cannot be before the outage began.' },
  'recovery.in_future': { 'zh-CN': '时间不能晚于现在', en: 'The time cannot be in the future.' },
  'recovery.already_restored': { 'zh-CN': '该项已恢复', en: 'This has already been restored.' },
  'channel.url_invalid': { 'zh-CN': '请填写 http 或 https 开头的地址', en: 'Enter an address starting with http or https.' },
  'channel.email_invalid': { 'zh-CN': '邮箱地址“{address}”格式不正确', en: 'The e-mail address “{address}” is not valid.' },

  // CAP 1.2 import
  'cap.too_large': { 'zh-CN': 'CAP 文件过大（上限 {limitKb} KB）', en: 'The CAP document is too large (limit {limitKb} KB).' },
  'cap.malformed': { 'zh-CN': '第 {line} 行（元素 {element}）附近 XML 格式错误：{detail}', en: 'The XML is malformed near line {line} (element {element}): {detail}' },
  'cap.doctype_forbidden': { 'zh-CN': 'CAP 文件不能包含 DTD 或实体声明（第 {line} 行）', en: 'A CAP document may not contain a DTD or entity declarations (line {line}).' },
  'cap.not_cap': { 'zh-CN': '这不是 CAP 1.2 预警消息：根元素应为 CAP 1.2 命名空间中的 alert，实际为 {element}', en: 'This is not a CAP 1.2 alert: the root element should be alert in the CAP 1.2 namespace, not {element}.' },
  'cap.missing_element': { 'zh-CN': '第 {line} 行的 {parent} 缺少必填元素 {element}', en: 'The {parent} on line {line} lacks the required element {element}.' },
  'cap.unexpected_element': { 'zh-CN': '第 {line} 行的元素 {element} 不应出现在 {parent} 中或不能重复', en: 'The element {element} on line {line} is not allowed in {parent}, or may not repeat.' },
  'cap.invalid_value': { 'zh-CN': '第 {line} 行元素 {element} 的值“{value}”无效', en: 'The value “{value}” of the element {element} on line {line} is not valid.' },
  'cap.msgtype_unsupported': { 'zh-CN': '不能导入类型为 {msgType} 的 CAP 消息（只接受 Alert、Update 和 Cancel）', en: 'A CAP message of type {msgType} cannot be imported (only Alert, Update and Cancel).' },
  'cap.duplicate': { 'zh-CN': '标识为 {identifier} 的 CAP 消息已经导入过（预警 {id}）', en: 'The CAP message {identifier} has already been imported (warning {id}).' },
  'cap.unknown_reference': { 'zh-CN': '该解除消息引用的预警不在本系统中', en: 'The warning this Cancel refers to is not in this system.' },
  'cap.unit_required': { 'zh-CN': '请指定以哪个组织的名义导入预警', en: 'Say which unit the warning is imported for.' },

  // Notifications
  'inbox.warning_issued': { 'zh-CN': '新预警，请尽快签收：{title}', en: 'New warning, please acknowledge: {title}' },
  'inbox.warning_updated': { 'zh-CN': '预警已更新：{title}', en: 'Warning updated: {title}' },
  'inbox.warning_reminder': { 'zh-CN': '预警尚未签收，请尽快签收：{title}', en: 'Warning not yet acknowledged, please acknowledge: {title}' },
  'inbox.warning_escalated': { 'zh-CN': '{unit}或其下级单位逾期未签收预警：{title}', en: 'Overdue acknowledgement in {unit} or a unit below it: {title}' },
  'inbox.warning_cancelled': { 'zh-CN': '预警已解除：{title}', en: 'Warning cancelled: {title}' },
  'inbox.alarm_raised': { 'zh-CN': '收到紧急上报：{title}', en: 'Emergency report received: {title}' },
  'channel.delivery_not_dead': { 'zh-CN': '只有投递失败（已停止重试）的消息才能重新投递', en: 'Only deliveries that failed for good can be retried.' },

  // Field reports (evacuation, alarms, recovery)
  'household.archived': { 'zh-CN': '该住户已归档，不能再修改', en: 'This household has been archived and can no longer be changed.' },
  'shelter.not_village': { 'zh-CN': '安置点须登记在村、社区或网格下', en: 'Shelters are registered under a village, community or grid.' },
  'shelter.archived': { 'zh-CN': '该安置点已停用，不能再修改', en: 'This shelter has been archived and can no longer be changed.' },
  'shelter.capacity_below_occupants': { 'zh-CN': '安置点“{name}”目前安置 {occupants} 人，容量不能少于此数', en: 'The shelter “{name}” now holds {occupants} people; its capacity cannot be lower.' },
  'alarm.already_handling': { 'zh-CN': '该上报已在处置中', en: 'This alarm is already being handled.' },
  'unit.area_code_format': { 'zh-CN': '行政区划代码应为 6、9 或 12 位数字（GB/T 2260）', en: 'The administrative division code must be 6, 9 or 12 digits (GB/T 2260).' },
} as const satisfies Record<string, Entry>;

export type MessageCode = keyof typeof CATALOGUE;

/** Every message code, for tests and for the web client's catalogue. */
export const MESSAGE_CODES = Object.keys(CATALOGUE) as MessageCode[];

export function isMessageCode(code: unknown): code is MessageCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(CATALOGUE, code);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * Picks the language from an Accept-Language header (or a bare tag such as 'en' or 'zh-CN'):
 * the preferred one of Chinese and English by q-weight; Chinese when neither is named.
 */
export function resolveLocale(acceptLanguage: string | undefined | null): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag, ...attrs] = part.trim().split(';');
      const q = attrs.map((a) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(a)).find(Boolean);
      const weight = q ? Number(q[1]) : 1;
      return { primary: tag.trim().toLowerCase().split(/[-_]/)[0], weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const r of ranked) {
    if (r.primary === 'zh') return 'zh-CN';
    if (r.primary === 'en') return 'en';
  }
  return DEFAULT_LOCALE;
}

/**
 * The text of a message in a locale, with {name} placeholders filled from params. A placeholder
 * without a param is left as written; an unknown code (never from typed code) is returned as is.
 */
export function message(code: MessageCode, locale: Locale, params?: Record<string, string | number>): string {
  const entry: Entry | undefined = isMessageCode(code) ? CATALOGUE[code] : undefined;
  if (!entry) return String(code);
  const template = entry[locale] ?? entry[DEFAULT_LOCALE];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}
