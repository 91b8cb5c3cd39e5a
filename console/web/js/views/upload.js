// A partner's upload: ask the API for a presigned PUT (POST /uploads, which picks the partner's own
// folder), send the workbook's bytes straight to S3 with exactly the headers the link was signed
// with, and let the queue below pick the new submission up. Also the blank template.

import {h, fill, errorBox, announce} from '../dom.js';

const MAX_BYTES = 20 * 1024 * 1024;
const NAME = /^[A-Za-z0-9][A-Za-z0-9 ._()-]{0,95}\.[xX][lL][sS][xX]$/;

export function renderUpload(session, onUploaded) {
  const input = h('input', {id: 'upload-file', type: 'file', required: true,
    accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'aria-describedby': 'upload-help'});
  const button = h('button', {type: 'submit', id: 'upload-button'}, 'Upload');
  const result = h('div', {id: 'upload-result', 'aria-live': 'polite'});

  async function upload(e) {
    e.preventDefault();
    const file = input.files[0];
    if (!file) {
      fill(result, errorBox(new Error('Choose the workbook (.xlsx) first.'), 'Nothing to upload'));
      return;
    }
    if (!NAME.test(file.name) || file.size < 1 || file.size > MAX_BYTES) {
      fill(result, errorBox(new Error('The file must be an .xlsx of at most 20 MB whose name uses letters, digits, '
        + 'spaces and . _ ( ) -.'), 'This file cannot be uploaded'));
      return;
    }
    button.disabled = true;
    fill(result, h('p', {}, 'Uploading ' + file.name + '…'));
    try {
      const link = await session.api.uploadLink(file.name, file.size);
      // Content-Length is the browser's to send (the file's size, which the link was signed for).
      const headers = Object.fromEntries(Object.entries(link.headers || {})
        .filter(([k]) => k.toLowerCase() !== 'content-length' && k.toLowerCase() !== 'host'));
      const put = await fetch(link.url, {method: link.method || 'PUT', headers, body: file, mode: 'cors',
        credentials: 'omit'});
      if (!put.ok) {
        throw new Error('The storage refused the upload (' + put.status + ').');
      }
      fill(result, h('p', {class: 'ok', id: 'upload-done'}, 'Uploaded ' + file.name
        + '. It is being checked: its verdict appears below within a minute.'));
      announce('Uploaded ' + file.name);
      input.value = '';
      onUploaded(file.name);
    } catch (err) {
      fill(result, errorBox(err, 'The upload failed'));
    } finally {
      button.disabled = false;
    }
  }

  async function template() {
    try {
      const link = await session.api.template();
      window.location.assign(link.url);
    } catch (err) {
      fill(result, errorBox(err, 'The template could not be fetched'));
    }
  }

  return h('section', {class: 'panel upload', 'aria-labelledby': 'upload-title'},
    h('h2', {id: 'upload-title'}, 'Upload a self-assessment'),
    h('form', {class: 'upload-form', onsubmit: upload},
      h('div', {class: 'field'},
        h('label', {for: 'upload-file'}, 'Workbook (.xlsx, at most 20 MB)'),
        input),
      button,
      h('button', {type: 'button', id: 'template-button', class: 'secondary', onclick: template},
        'Download the blank template')),
    h('p', {id: 'upload-help', class: 'muted'}, 'Fill in the checklist v4.0 template and upload it; each upload is '
      + 'checked on its own and listed below with its verdict.'),
    result);
}
